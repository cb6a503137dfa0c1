import { onBeforeUnmount, type Ref, shallowRef, watch } from 'vue';

/** How far below (or above) the screen an element counts as near: about a thumb's scroll. */
const NEAR = '200px 0px';

/**
 * The ids of the elements that have come near the screen at least once. A form's map (tiles, address
 * search, its script) loads only then: most forms ask for the place below their first screen, and a
 * phone otherwise spends its first seconds drawing a map nobody looks at yet. Where the browser
 * cannot tell (no IntersectionObserver), every element counts as near.
 */
export function useNearScreen(elements: () => { id: string; element: HTMLElement }[]): Ref<Set<string>> {
  const near = shallowRef(new Set<string>());
  let observer: IntersectionObserver | undefined;
  const stop = watch(
    elements,
    (list) => {
      observer?.disconnect();
      const waiting = list.filter(({ id }) => !near.value.has(id));
      if (typeof IntersectionObserver === 'undefined') {
        near.value = new Set([...near.value, ...list.map(({ id }) => id)]);
        return;
      }
      const ids = new Map(waiting.map(({ id, element }) => [element, id]));
      observer = new IntersectionObserver(
        (entries) => {
          const seen = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
          if (seen.length === 0) return;
          for (const element of seen) observer?.unobserve(element);
          near.value = new Set([...near.value, ...seen.map((element) => ids.get(element as HTMLElement)!)]);
        },
        { rootMargin: NEAR },
      );
      for (const element of ids.keys()) observer.observe(element);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    observer?.disconnect();
  });
  return near;
}
