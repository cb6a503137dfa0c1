import { onBeforeUnmount, onMounted, ref } from 'vue';

/** How often a live page asks the API again. */
export const POLL_INTERVAL_MS = 15_000;

/**
 * Runs `refresh` every `intervalMs` while the tab is visible: paused when it is hidden, run at once
 * when it shows again. The API has no subscriptions: pages stay live by asking.
 */
export function usePolling(refresh: () => Promise<unknown>, intervalMs = POLL_INTERVAL_MS) {
  const paused = ref(false);
  const lastUpdate = ref(new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  async function tick() {
    if (running) return;
    running = true;
    try {
      await refresh();
      lastUpdate.value = new Date();
    } finally {
      running = false;
      schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (document.visibilityState === 'visible') timer = setTimeout(tick, intervalMs);
  }

  function onVisibility() {
    paused.value = document.visibilityState !== 'visible';
    if (paused.value) clearTimeout(timer);
    else void tick();
  }

  onMounted(() => {
    paused.value = document.visibilityState !== 'visible';
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
  });
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    clearTimeout(timer);
  });

  return { paused, lastUpdate };
}
