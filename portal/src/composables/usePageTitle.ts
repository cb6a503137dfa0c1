import { onUnmounted, ref, watchEffect } from 'vue';

const specific = ref<string>();

/**
 * The title of the page shown. A page that knows a better title than its route's (a procedure's
 * name, a task's) passes it here; App.vue reads it with no argument.
 */
export function usePageTitle(title?: () => string | undefined) {
  if (title) {
    watchEffect(() => {
      specific.value = title();
    });
    onUnmounted(() => {
      specific.value = undefined;
    });
  }
  return specific;
}
