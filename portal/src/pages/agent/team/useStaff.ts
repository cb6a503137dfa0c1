import { shallowRef } from 'vue';
import { useGraphql } from '../../../composables/useGraphql.ts';
import { STAFF, type StaffMember } from './team-graphql.ts';

const staff = shallowRef<StaffMember[]>();
let asked = false;

/**
 * The town's agents, for a manager choosing who holds a task: read once per visit to the agent's
 * area (a failure leaves the list empty, and is asked again next time).
 */
export function useStaff() {
  const { request } = useGraphql();
  if (!asked) {
    asked = true;
    request(STAFF)
      .then((answer) => {
        staff.value = answer.staff;
      })
      .catch(() => {
        staff.value = [];
        asked = false;
      });
  }
  return staff;
}

/** The agents who may hold a task for these groups (an agent of one of them). */
export const holdersFor = (members: StaffMember[], groups: string[]) =>
  members.filter((member) => member.groups.some((group) => groups.includes(group)));
