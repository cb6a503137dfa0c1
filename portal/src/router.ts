import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAgentSession } from './composables/useAgentSession.ts';
import { useCitizenSession } from './composables/useCitizenSession.ts';
import type { MessageKey } from './i18n/fr.ts';
import CitizenLayout from './layouts/CitizenLayout.vue';
import { TOWN } from './municipality.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's title, for the browser tab and screen readers. */
    title?: MessageKey;
    /** Only for a signed-in agent: others go to the sign-in page first. */
    agentOnly?: boolean;
    /** Only for a signed-in citizen: others go to the citizen's sign-in page first. */
    citizenOnly?: boolean;
    /** A page of the managers' area analysts enter too (issue 21: incidents, a request's diagram). */
    analystsToo?: boolean;
    /** A page of the managers' area any agent enters too (a request's diagram: the API says which requests). */
    agentsToo?: boolean;
  }
}

// Each page is its own chunk: a citizen never downloads the agent's pages, nor the form viewer
// before a form is shown.
// The agents' layout too: its links' texts (front desk, team, privacy…) stay out of a citizen's page.
const AgentLayout = () => import('./layouts/AgentLayout.vue');
const routes: RouteRecordRaw[] = [
  {
    path: '/agent',
    component: AgentLayout,
    children: [
      {
        path: 'connexion',
        name: 'agent-sign-in',
        component: () => import('./pages/agent/SignInPage.vue'),
        meta: { title: 'signIn.title' },
      },
      {
        // TOTP set-up: an administrator refused at sign-in, or an agent turning it on
        path: 'double-authentification',
        name: 'agent-totp',
        component: () => import('./pages/agent/TotpEnrolmentPage.vue'),
        meta: { title: 'signIn.title' },
      },
      {
        path: '',
        name: 'inbox',
        component: () => import('./pages/agent/InboxPage.vue'),
        meta: { title: 'inbox.title', agentOnly: true },
      },
      {
        path: 'taches/:id',
        name: 'task',
        component: () => import('./pages/agent/TaskPage.vue'),
        props: true,
        meta: { title: 'task.form', agentOnly: true },
      },
      {
        // The title comes from the page (usePageTitle).
        path: 'demandes',
        name: 'requests',
        component: () => import('./pages/agent/RequestListPage.vue'),
        meta: { agentOnly: true },
      },
      {
        path: 'absences',
        name: 'absences',
        component: () => import('./pages/agent/AbsencesPage.vue'),
        meta: { agentOnly: true },
      },
      {
        path: 'demandes/:code',
        name: 'request',
        component: () => import('./pages/agent/RequestPage.vue'),
        props: true,
        meta: { title: 'inbox.request', agentOnly: true },
      },
      {
        // The front desk: a request received at the counter, by phone, by post or by fax.
        path: 'accueil',
        name: 'front-desk',
        component: () => import('./pages/agent/front-desk/FrontDeskPage.vue'),
        meta: { agentOnly: true },
      },
      {
        // The day's appointments, and booking one for someone at the counter or on the phone.
        path: 'rendez-vous',
        name: 'appointments',
        component: () => import('./pages/agent/appointments/AppointmentsPage.vue'),
        meta: { agentOnly: true },
      },
      {
        // The first sign-in link of an invited agent (?commune=…&jeton=…).
        path: 'invitation',
        name: 'agent-invitation',
        component: () => import('./pages/agent/InvitationPage.vue'),
      },
      {
        path: 'usagers/:id',
        name: 'citizen-record',
        component: () => import('./pages/agent/citizen-record/CitizenRecordPage.vue'),
        props: true,
        meta: { agentOnly: true },
      },
    ],
  },
  {
    // The managers' area (dashboard): lazy too, with its charts and map.
    path: '/responsable',
    component: () => import('./layouts/ManagerLayout.vue'),
    meta: { agentOnly: true },
    children: [
      {
        path: '',
        name: 'manager-dashboard',
        component: () => import('./pages/manager/DashboardPage.vue'),
      },
      {
        path: 'modeles',
        name: 'manager-templates',
        component: () => import('./pages/manager/templates/TemplatesPage.vue'),
      },
      {
        // The town's incidents and a request on its diagram (bpmn-js loads with the diagram's page only).
        path: 'incidents',
        name: 'manager-incidents',
        component: () => import('./pages/manager/operations/IncidentsPage.vue'),
        meta: { analystsToo: true },
      },
      {
        // Where requests wait: a procedure's diagram as a heatmap (issue 21, point 3).
        path: 'attente',
        name: 'manager-waiting',
        component: () => import('./pages/manager/waiting/WaitingPage.vue'),
        meta: { analystsToo: true },
      },
      {
        // What people book: resources, their openings, kinds of appointment (issue 22, point 2).
        path: 'rendez-vous',
        name: 'manager-appointments',
        component: () => import('./pages/manager/appointments/AppointmentSettingsPage.vue'),
      },
      {
        // Agents' presence: the week by group, working patterns (issue 22, point 3).
        path: 'presence',
        name: 'manager-planning',
        component: () => import('./pages/manager/planning/PlanningPage.vue'),
      },
      {
        path: 'demandes/:code/schema',
        name: 'request-diagram',
        component: () => import('./pages/manager/operations/RequestDiagramPage.vue'),
        props: true,
        meta: { analystsToo: true, agentsToo: true },
      },
    ],
  },
  {
    // The analyst area (designer): its layout and pages are lazy, so bpmn-js and the form editor
    // never load on a citizen's page.
    path: '/analyste',
    component: () => import('./layouts/AnalystLayout.vue'),
    meta: { agentOnly: true },
    children: [
      { path: '', name: 'analyst-procedures', component: () => import('./pages/analyst/ProceduresPage.vue') },
      {
        path: 'demarches/:procedureKey',
        name: 'analyst-procedure',
        component: () => import('./pages/analyst/ProcedurePage.vue'),
        props: true,
      },
      {
        path: 'demarches/:procedureKey/dessin',
        name: 'analyst-designer',
        component: () => import('./pages/analyst/DesignerPage.vue'),
        props: true,
      },
      {
        path: 'demarches/:procedureKey/comparer/:from/:to',
        name: 'analyst-diff',
        component: () => import('./pages/analyst/DiffPage.vue'),
        props: true,
      },
      {
        path: 'demarches/:procedureKey/migrer/:from/:to',
        name: 'analyst-migration',
        component: () => import('./pages/analyst/MigrationPage.vue'),
        props: true,
      },
    ],
  },
  {
    // Data protection: the officer's people screen, the register of processing, retention periods.
    path: '/administration/protection-des-donnees',
    component: AgentLayout,
    meta: { agentOnly: true },
    children: [
      { path: '', name: 'privacy-people', component: () => import('./pages/admin/PrivacyPeoplePage.vue') },
      {
        path: 'registre',
        name: 'privacy-register',
        component: () => import('./pages/admin/ProcessingRegisterPage.vue'),
      },
      { path: 'conservation', name: 'privacy-retention', component: () => import('./pages/admin/RetentionPage.vue') },
    ],
  },
  {
    // The town's audit log, for its administrator.
    path: '/administration/journal',
    component: AgentLayout,
    meta: { agentOnly: true },
    children: [{ path: '', name: 'admin-audit', component: () => import('./pages/admin/AuditLogPage.vue') }],
  },
  {
    // The town administrator's branding and legal pages (the other settings screens are beside it).
    path: '/administration/apparence',
    component: AgentLayout,
    meta: { agentOnly: true },
    children: [{ path: '', name: 'town-branding', component: () => import('./pages/admin/BrandingPage.vue') }],
  },
  {
    // The town administrator's other screens: organisation, agents, settings, procedure library.
    path: '/administration',
    component: AgentLayout,
    meta: { agentOnly: true },
    children: [
      { path: '', name: 'admin-staff', component: () => import('./pages/admin/StaffPage.vue') },
      { path: 'services', name: 'admin-organisation', component: () => import('./pages/admin/OrganisationPage.vue') },
      { path: 'reglages', name: 'admin-settings', component: () => import('./pages/admin/TownSettingsPage.vue') },
      { path: 'bibliotheque', name: 'admin-library', component: () => import('./pages/admin/LibraryPage.vue') },
      { path: 'connexion', name: 'admin-sign-in', component: () => import('./pages/admin/SignInProviderPage.vue') },
      { path: 'open311', name: 'admin-open311', component: () => import('./pages/admin/Open311Page.vue') },
    ],
  },
  {
    // The platform's administrators: towns (their own sign-in, not an agent's).
    path: '/plateforme',
    name: 'platform',
    component: () => import('./pages/platform/PlatformPage.vue'),
  },
  {
    path: '/',
    component: CitizenLayout,
    children: [
      {
        path: '',
        name: 'catalogue',
        component: () => import('./pages/citizen/CataloguePage.vue'),
        meta: { title: 'catalogue.title' },
      },
      {
        path: 'demarches/:procedureKey',
        name: 'procedure',
        component: () => import('./pages/citizen/ProcedureFormPage.vue'),
        props: true,
        meta: { title: 'nav.catalogue' },
      },
      {
        path: 'recu/:code',
        name: 'receipt',
        component: () => import('./pages/citizen/ReceiptPage.vue'),
        props: true,
        meta: { title: 'receipt.title' },
      },
      {
        path: 'suivi/:code?',
        name: 'tracking',
        component: () => import('./pages/citizen/TrackingPage.vue'),
        props: true,
        meta: { title: 'tracking.title' },
      },
      {
        // Where the QR code of each issued document leads: its signatures checked, for anyone.
        path: 'suivi/:code/verification/:number?',
        name: 'verification',
        component: () => import('./pages/citizen/VerificationPage.vue'),
        props: true,
      },
      {
        // The one-time link mailed to a citizen lands here (?commune=…&jeton=…).
        path: 'connexion',
        name: 'citizen-sign-in',
        component: () => import('./pages/citizen/account/SignInPage.vue'),
        meta: { title: 'nav.signIn' },
      },
      {
        path: 'inscription',
        name: 'citizen-sign-up',
        component: () => import('./pages/citizen/account/SignUpPage.vue'),
        meta: { title: 'nav.signIn' },
      },
      {
        path: 'mon-compte',
        name: 'account',
        component: () => import('./pages/citizen/account/AccountPage.vue'),
        meta: { title: 'nav.account', citizenOnly: true },
      },
      {
        // The town's legal notice, accessibility statement and privacy notice.
        path: 'informations/:page(mentions-legales|accessibilite|confidentialite)',
        name: 'town-information',
        component: () => import('./pages/citizen/TownInformationPage.vue'),
        props: true,
      },
      {
        path: ':unknown(.*)*',
        name: 'not-found',
        component: () => import('./pages/citizen/NotFoundPage.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
];

export const router = createRouter({
  // A town on a shared host lives under its prefix, /t/<slug>/.
  history: createWebHistory(TOWN.base || undefined),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

// The server answers 404 for an address that names nothing (an unknown page, procedure or tracking
// code) and says so in the page: the first page shown is then the not-found one, at that address.
let answeredNotFound = document.querySelector('meta[name="parvis-status"]')?.getAttribute('content') === '404';
router.beforeEach((to) => {
  if (!answeredNotFound) return true;
  answeredNotFound = false;
  if (to.name === 'not-found') return true;
  const unknown = to.path.split('/').filter(Boolean);
  return { name: 'not-found', params: { unknown }, query: to.query, hash: to.hash, replace: true };
});

// An agent's page, or a citizen's account, needs a session (asked each time: it may have
// expired); if the API cannot say, the page itself shows why.
router.beforeEach(async (to) => {
  if (!to.meta.agentOnly && !to.meta.citizenOnly) return true;
  try {
    if (to.meta.citizenOnly) {
      const citizen = await useCitizenSession().refresh();
      return citizen ? true : { name: 'citizen-sign-in', query: { retour: to.fullPath } };
    }
    const agent = await useAgentSession().refresh();
    return agent ? true : { name: 'agent-sign-in', query: { retour: to.fullPath } };
  } catch {
    return true;
  }
});
