import Modeler from 'bpmn-js/lib/Modeler';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import DryRunPathModule from '../features/dry-run-path/index.ts';
import LiveLintModule from '../features/live-lint/index.ts';
import ParvisPropertiesModule from '../features/parvis-properties/index.ts';
import ParvisTemplatesModule, { PARVIS_TEMPLATES } from '../features/parvis-templates/index.ts';
import TranslateFrModule from '../features/translate-fr/index.ts';

export interface ModelerOptions {
  /** where the diagram is drawn */
  container: HTMLElement;
  /** where the properties panel goes */
  propertiesParent: HTMLElement;
  lang: 'fr' | 'en';
  /** ms between a change and its check (300 by default) */
  lintDelay?: number;
}

/**
 * The designer's bpmn-js Modeler: Camunda 8 (zeebe) attributes round-trip, the properties panel
 * with zeebe and Parvis groups, Parvis's element templates, live checks and dry-run markers.
 */
export function createModeler(options: ModelerOptions): Modeler {
  return new Modeler({
    container: options.container,
    propertiesPanel: { parent: options.propertiesParent },
    moddleExtensions: { zeebe: zeebeDescriptor },
    elementTemplates: PARVIS_TEMPLATES,
    parvis: { lang: options.lang, lintDelay: options.lintDelay ?? 300 },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      CloudElementTemplatesPropertiesProviderModule,
      ParvisPropertiesModule,
      ParvisTemplatesModule,
      LiveLintModule,
      DryRunPathModule,
      ...(options.lang === 'fr' ? [TranslateFrModule] : []),
    ],
  } as ConstructorParameters<typeof Modeler>[0]);
}
