import { onBeforeUnmount, onMounted, ref, watch } from 'vue';

/** Without a live connection, how often a page asks the API again. */
export const FALLBACK_POLL_MS = 60_000;
/** At most one refresh per this many milliseconds, however many events come (a wave of requests). */
export const MIN_REFRESH_GAP_MS = 2_000;

/** live: pushed by the server; polling: the socket could not open, the page asks every minute; paused: tab hidden. */
export type LiveState = 'connecting' | 'live' | 'polling' | 'paused';

interface LiveOptions {
  /** A subscription whose events mean "read again", e.g. `subscription { inboxChanged { at } }`. */
  subscription: string;
  /** Its variables; undefined: nothing to follow yet (no socket, no polling). */
  variables?: () => Record<string, unknown> | undefined;
  refresh: () => Promise<unknown>;
}

type Client = import('graphql-ws').Client;

/**
 * Keeps a page up to date: it reads again when the server says something changed (graphql-ws on
 * /graphql, loaded only when a page needs it), at most every MIN_REFRESH_GAP_MS; while no socket is
 * open it asks every FALLBACK_POLL_MS instead; while the tab is hidden it waits.
 */
export function useLiveUpdates({ subscription, variables = () => ({}), refresh }: LiveOptions) {
  const state = ref<LiveState>('connecting');
  const lastUpdate = ref(new Date());
  let client: Client | undefined;
  let stopSubscription: (() => void) | undefined;
  let socketOpen = false;
  // the socket closed or could not open
  let socketLost = false;
  // the server refused the subscription (session ended, request not found)
  let refused = false;
  // changes are pushed: no need to poll
  const live = () => socketOpen && !refused;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let lastRefresh = 0;
  let disposed = false;

  const hidden = () => document.visibilityState !== 'visible';
  const showState = () => {
    state.value = hidden() ? 'paused' : live() ? 'live' : socketLost || refused ? 'polling' : 'connecting';
  };

  async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    lastRefresh = Date.now();
    try {
      await refresh();
      lastUpdate.value = new Date();
    } catch {
      // the page shows its own error; the next event or poll tries again
    } finally {
      running = false;
      if (again) changed();
      schedulePoll();
    }
  }

  /** Something changed: read again now, or once the gap since the last read has passed. */
  function changed() {
    if (hidden()) {
      again = true;
      return;
    }
    const wait = lastRefresh + MIN_REFRESH_GAP_MS - Date.now();
    if (wait <= 0) void run();
    else
      gapTimer ??= setTimeout(() => {
        gapTimer = undefined;
        void run();
      }, wait);
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    if (!live() && !hidden() && !disposed && variables()) pollTimer = setTimeout(run, FALLBACK_POLL_MS);
  }

  async function subscribe() {
    stopSubscription?.();
    stopSubscription = undefined;
    refused = false;
    const current = variables();
    if (!current || disposed) return;
    if (!client) {
      const { createClient } = await import('graphql-ws');
      if (disposed) return;
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
      let opened = false;
      client = createClient({
        url,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        // 1 s, 2 s, 4 s… then every 30 s: a socket comes back soon after the network or a server does
        retryWait: (retries) => new Promise((done) => setTimeout(done, Math.min(30_000, 1000 * 2 ** retries))),
        on: {
          connected: () => {
            socketOpen = true;
            socketLost = false;
            if (live()) clearTimeout(pollTimer);
            showState();
            // changes while the socket was down were not heard
            if (opened) changed();
            opened = true;
          },
          closed: () => {
            socketOpen = false;
            socketLost = true;
            showState();
            schedulePoll();
          },
        },
      });
    }
    stopSubscription = client.subscribe(
      { query: subscription, variables: current },
      {
        next: (result) => {
          if (result.errors) {
            // refused: the page keeps asking on its own
            refused = true;
            showState();
            schedulePoll();
          } else changed();
        },
        error: () => {
          refused = true;
          showState();
          schedulePoll();
        },
        complete: () => {},
      },
    );
    showState();
    schedulePoll();
  }

  function onVisibility() {
    showState();
    if (hidden()) clearTimeout(pollTimer);
    else if (again || !live()) void run();
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility);
    void subscribe();
  });
  watch(
    () => JSON.stringify(variables() ?? null),
    () => void subscribe(),
  );
  onBeforeUnmount(() => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    clearTimeout(pollTimer);
    clearTimeout(gapTimer);
    stopSubscription?.();
    void client?.dispose();
  });

  return { state, lastUpdate };
}
