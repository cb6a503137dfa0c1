// GraphQL documents of the presence page (agents' planning, issue 22 point 3), with their types.
import type { Operation } from '../../../composables/useGraphql.ts';
import type {
  DeleteWorkingPatternMutation,
  DeleteWorkingPatternMutationVariables,
  PlanningStaffQuery,
  PlanningStaffQueryVariables,
  SaveWorkingPatternMutation,
  SaveWorkingPatternMutationVariables,
  WeekPlanningQuery,
  WeekPlanningQueryVariables,
} from '../../../graphql/generated/operations.ts';

export type WeekPlanningView = WeekPlanningQuery['weekPlanning'];
export type GroupWeekView = WeekPlanningView['groups'][number];
export type PatternView = PlanningStaffQuery['workingPatterns'][number];

export const WEEK_PLANNING: Operation<WeekPlanningQuery, WeekPlanningQueryVariables> = /* GraphQL */ `
  query WeekPlanning($day: String!) {
    weekPlanning(day: $day) {
      days
      groups {
        key name
        agents { agentId displayName halfDays { day half presence } }
        halfDays { day half present closed }
      }
    }
  }`;

export const PLANNING_STAFF: Operation<PlanningStaffQuery, PlanningStaffQueryVariables> = /* GraphQL */ `
  query PlanningStaff {
    staff { id displayName }
    workingPatterns { id agentId startsOn endsOn weekA weekB }
  }`;

export const SAVE_WORKING_PATTERN: Operation<SaveWorkingPatternMutation, SaveWorkingPatternMutationVariables> =
  /* GraphQL */ `
  mutation SaveWorkingPattern($id: ID, $pattern: WorkingPatternInput!) {
    saveWorkingPattern(id: $id, pattern: $pattern) { id agentId startsOn endsOn weekA weekB }
  }`;

export const DELETE_WORKING_PATTERN: Operation<DeleteWorkingPatternMutation, DeleteWorkingPatternMutationVariables> =
  /* GraphQL */ `
  mutation DeleteWorkingPattern($id: ID!) { deleteWorkingPattern(id: $id) }`;
