import { createApp } from 'vue';
import App from './App.vue';
import { applyStoredReadingSettings, syncReadingSettingsWithAccount } from './composables/useReadingSettings.ts';
import { router } from './router.ts';
import './theme.css';

// Reading settings apply before the first render, so the page never shows in other ones first.
applyStoredReadingSettings();
const app = createApp(App).use(router);
// Mounted once the first page's chunk has come: until then the first screen the API served stays
// (first-screen.ts), instead of a blank page; a page that failed to load still gets the portal.
void router
  .isReady()
  .catch(() => undefined)
  .then(() => app.mount('#app'));
void syncReadingSettingsWithAccount();
