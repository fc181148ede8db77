import { PageShell } from '../../components/page-shell.js';
import { AlertChannelsPanel } from './alert-channels-panel.js';
import { AlertRulesPanel } from './alert-rules-panel.js';
import { AlertStatusPanel } from './alert-status-panel.js';
import { AlertsPanel } from './alerts-panel.js';
import { createSettingsForm } from './create-settings-form.js';
import { DatabasePanel } from './database-panel.js';
import { DisplayPanel } from './display-panel.js';
import { MetadataKeysPanel } from './metadata-keys-panel.js';
import { PerformancePanel } from './performance-panel.js';
import { ProjectsPanel } from './projects-panel.js';
import { RetentionPanel } from './retention-panel.js';
import { SettingsMessage } from './settings-message.js';

/** Settings: projects, database, display, alerts (evaluated by the server), retention, metadata keys and performance. */
export function SettingsPage() {
  const settings = createSettingsForm();
  return (
    <PageShell title="Settings" subtitle="Stored in the Observatory database" hideRange>
      <SettingsMessage message={settings.message()} />
      <div class="grid cols-2">
        <AlertsPanel settings={settings} />
        <AlertStatusPanel alerts={settings.alerts} />
      </div>
      <AlertRulesPanel settings={settings} />
      <AlertChannelsPanel settings={settings} />
      <div class="grid cols-3">
        <DisplayPanel settings={settings} />
        <RetentionPanel settings={settings} />
        <DatabasePanel data={settings.data} />
      </div>
      <div class="grid cols-2">
        <ProjectsPanel data={settings.data} />
        <MetadataKeysPanel settings={settings} />
      </div>
      <PerformancePanel data={settings.data} />
    </PageShell>
  );
}
