import { ref, shallowRef } from 'vue';
import { ApiError } from './useGraphql.ts';

/** Loads data from the API once, and again on `reload`; a failure lands in `error`, never a blank page. */
export function useApiData<T>(load: () => Promise<T>) {
  const data = shallowRef<T>();
  const error = shallowRef<ApiError>();
  const loading = ref(true);

  async function reload() {
    loading.value = true;
    error.value = undefined;
    try {
      data.value = await load();
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught : new ApiError('INTERNAL_SERVER_ERROR', String(caught));
    } finally {
      loading.value = false;
    }
  }

  void reload();
  return { data, error, loading, reload };
}
