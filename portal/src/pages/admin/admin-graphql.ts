// GraphQL documents of the town administrator's screens.
import type { Operation } from '../../composables/useGraphql.ts';
import type {
  AdminAddClosureMutation,
  AdminAddClosureMutationVariables,
  AdminCreateDepartmentMutation,
  AdminCreateDepartmentMutationVariables,
  AdminCreateStaffMemberMutation,
  AdminCreateStaffMemberMutationVariables,
  AdminImportStaffMutation,
  AdminImportStaffMutationVariables,
  AdminInstallProcedureMutation,
  AdminInstallProcedureMutationVariables,
  AdminInviteStaffMemberMutation,
  AdminInviteStaffMemberMutationVariables,
  AdminOrganisationQuery,
  AdminOrganisationQueryVariables,
  AdminProcedureLibraryQuery,
  AdminProcedureLibraryQueryVariables,
  AdminRemoveClosureMutation,
  AdminRemoveClosureMutationVariables,
  AdminSaveGroupMutation,
  AdminSaveGroupMutationVariables,
  AdminSetStaffMemberDisabledMutation,
  AdminSetStaffMemberDisabledMutationVariables,
  AdminTownSettingsQuery,
  AdminTownSettingsQueryVariables,
  AdminUpdateDepartmentContactMutation,
  AdminUpdateDepartmentContactMutationVariables,
  AdminUpdateStaffMemberMutation,
  AdminUpdateStaffMemberMutationVariables,
  AdminUpdateTownSettingsMutation,
  AdminUpdateTownSettingsMutationVariables,
  AdminUpgradeProcedureMutation,
  AdminUpgradeProcedureMutationVariables,
} from '../../graphql/generated/operations.ts';

export const ORGANISATION: Operation<AdminOrganisationQuery, AdminOrganisationQueryVariables> = /* GraphQL */ `
  query AdminOrganisation {
    departments { id name postalAddress phone email }
    groups { key name departmentId assignment }
    staff { id email displayName roles groups departmentId absent disabled }
  }`;

export const CREATE_DEPARTMENT: Operation<AdminCreateDepartmentMutation, AdminCreateDepartmentMutationVariables> =
  /* GraphQL */ `mutation AdminCreateDepartment($name: String!) { createDepartment(name: $name) { id name } }`;

export const SAVE_GROUP: Operation<AdminSaveGroupMutation, AdminSaveGroupMutationVariables> = /* GraphQL */ `
  mutation AdminSaveGroup($group: GroupInput!) { saveGroup(group: $group) { key } }`;

export const CREATE_STAFF_MEMBER: Operation<AdminCreateStaffMemberMutation, AdminCreateStaffMemberMutationVariables> =
  /* GraphQL */ `
  mutation AdminCreateStaffMember($member: NewStaffMemberInput!) { createStaffMember(member: $member) { id email displayName roles groups departmentId absent disabled } }`;

export const UPDATE_STAFF_MEMBER: Operation<AdminUpdateStaffMemberMutation, AdminUpdateStaffMemberMutationVariables> =
  /* GraphQL */ `
  mutation AdminUpdateStaffMember($id: ID!, $roles: [String!]!, $groups: [String!]!, $departmentId: ID) {
    updateStaffMember(id: $id, roles: $roles, groups: $groups, departmentId: $departmentId) { id email displayName roles groups departmentId absent disabled }
  }`;

export const SET_STAFF_MEMBER_DISABLED: Operation<
  AdminSetStaffMemberDisabledMutation,
  AdminSetStaffMemberDisabledMutationVariables
> = /* GraphQL */ `
  mutation AdminSetStaffMemberDisabled($id: ID!, $disabled: Boolean!) {
    setStaffMemberDisabled(id: $id, disabled: $disabled) { id email displayName roles groups departmentId absent disabled }
  }`;

export const INVITE_STAFF_MEMBER: Operation<AdminInviteStaffMemberMutation, AdminInviteStaffMemberMutationVariables> =
  /* GraphQL */ `mutation AdminInviteStaffMember($id: ID!) { inviteStaffMember(id: $id) { id email } }`;

export const IMPORT_STAFF: Operation<AdminImportStaffMutation, AdminImportStaffMutationVariables> = /* GraphQL */ `
  mutation AdminImportStaff($csv: String!) {
    importStaff(csv: $csv) { created { id email } refused { line email reasonFr reasonEn } }
  }`;

export const TOWN_SETTINGS: Operation<AdminTownSettingsQuery, AdminTownSettingsQueryVariables> = /* GraphQL */ `
  query AdminTownSettings {
    townSettings { contactEmail intakeEmail counterCost postCost onlineCost }
    closures { day reason }
  }`;

export const UPDATE_TOWN_SETTINGS: Operation<
  AdminUpdateTownSettingsMutation,
  AdminUpdateTownSettingsMutationVariables
> = /* GraphQL */ `
  mutation AdminUpdateTownSettings($settings: TownSettingsInput!) {
    updateTownSettings(settings: $settings) { contactEmail intakeEmail counterCost postCost onlineCost }
  }`;

export const ADD_CLOSURE: Operation<AdminAddClosureMutation, AdminAddClosureMutationVariables> = /* GraphQL */ `
  mutation AdminAddClosure($day: String!, $reason: String) { addClosure(day: $day, reason: $reason) { day reason } }`;

export const REMOVE_CLOSURE: Operation<AdminRemoveClosureMutation, AdminRemoveClosureMutationVariables> =
  /* GraphQL */ `mutation AdminRemoveClosure($day: String!) { removeClosure(day: $day) }`;

export const PROCEDURE_LIBRARY: Operation<AdminProcedureLibraryQuery, AdminProcedureLibraryQueryVariables> =
  /* GraphQL */ `query AdminProcedureLibrary { procedureLibrary { key titleFr titleEn latestVersion installedVersion townVersion installedTownVersion townOwn upgradeAvailable groups missingGroups } }`;

export const INSTALL_PROCEDURE: Operation<AdminInstallProcedureMutation, AdminInstallProcedureMutationVariables> =
  /* GraphQL */ `mutation AdminInstallProcedure($key: String!) { installLibraryProcedure(key: $key) { procedureKey libraryVersion townVersion previousTownVersion adaptations { part kept } } }`;

export const UPGRADE_PROCEDURE: Operation<AdminUpgradeProcedureMutation, AdminUpgradeProcedureMutationVariables> =
  /* GraphQL */ `mutation AdminUpgradeProcedure($key: String!) { upgradeLibraryProcedure(key: $key) { procedureKey libraryVersion townVersion previousTownVersion adaptations { part kept } } }`;

export const UPDATE_DEPARTMENT_CONTACT: Operation<
  AdminUpdateDepartmentContactMutation,
  AdminUpdateDepartmentContactMutationVariables
> = /* GraphQL */ `
  mutation AdminUpdateDepartmentContact($id: ID!, $postalAddress: String, $phone: String, $email: String) {
    updateDepartmentContact(id: $id, postalAddress: $postalAddress, phone: $phone, email: $email) { id }
  }`;
