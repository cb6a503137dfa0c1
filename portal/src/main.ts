import { createApp } from 'vue';
import App from './App.vue';
import { applyStoredReadingSettings, syncReadingSettingsWithAccount } from './composables/useReadingSettings.ts';
import { router } from './router.ts';
import './theme.css';

// Reading settings apply before the first render, so the page never shows in other ones first.
applyStoredReadingSettings();
createApp(App).use(router).mount('#app');
void syncReadingSettingsWithAccount();
