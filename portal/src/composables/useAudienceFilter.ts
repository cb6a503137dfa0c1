import { computed } from 'vue';
import { type RouteLocationRaw, useRoute } from 'vue-router';
import { AUDIENCES, type Audience } from '../graphql/citizen.ts';

// The catalogue's filter lives in its address, in French, so a link to it can be shared:
// /?public=associations, /?public=entreprises, /?public=particuliers.
const SLUGS: Record<Audience, string> = {
  HOUSEHOLDS: 'particuliers',
  BUSINESSES: 'entreprises',
  ASSOCIATIONS: 'associations',
};

/** The audience the catalogue's address names (null: all), and the address for another. */
export function useAudienceFilter() {
  const route = useRoute();
  const audience = computed<Audience | null>(
    () => AUDIENCES.find((candidate) => SLUGS[candidate] === route.query.public) ?? null,
  );
  const linkTo = (next: Audience | null): RouteLocationRaw => ({
    query: { ...route.query, public: next ? SLUGS[next] : undefined },
  });
  return { audience, linkTo };
}
