import {
  CheckboxEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { type DesignerLang, type LabelKey, label } from './labels.ts';
import { CHANNELS, NOTIFICATION_EVENTS, textProperty } from './settings.ts';
import { type ModdleElement, readProperties, type WriteServices, writeProperties } from './zeebe-properties.ts';

interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

/** The element whose zeebe:properties hold the procedure's settings: the process (also behind a pool). */
function settingsTarget(element: DiagramElement): ModdleElement {
  const bo = element.businessObject;
  return bo.$type === 'bpmn:Participant' ? (bo.get('processRef') as ModdleElement) : bo;
}

function useWriter(element: DiagramElement) {
  const services = {
    bpmnFactory: useService<WriteServices['bpmnFactory']>('bpmnFactory'),
    commandStack: useService<WriteServices['commandStack']>('commandStack'),
  };
  return (changes: Record<string, string | undefined>) =>
    writeProperties(services, { ...element, businessObject: settingsTarget(element) }, changes);
}

const read = (element: DiagramElement, name: string) => readProperties(settingsTarget(element))[name] ?? '';

function PropertyText(props: {
  element: DiagramElement;
  id: string;
  name: string;
  label: string;
  area?: boolean;
  description?: string;
}) {
  const write = useWriter(props.element);
  const debounce = useService('debounceInput');
  return h(props.area ? TextAreaEntry : TextFieldEntry, {
    id: props.id,
    element: props.element,
    label: props.label,
    description: props.description,
    debounce,
    ...(props.area ? { rows: 3 } : {}),
    getValue: () => read(props.element, props.name),
    setValue: (value: string) => write({ [props.name]: value?.trim() ? value : undefined }),
  });
}

function PropertySelect(props: {
  element: DiagramElement;
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  const write = useWriter(props.element);
  return h(SelectEntry, {
    id: props.id,
    element: props.element,
    label: props.label,
    getValue: () => read(props.element, props.name),
    setValue: (value: string) => write({ [props.name]: value || undefined }),
    getOptions: () => props.options,
  });
}

function PropertyCheckbox(props: { element: DiagramElement; id: string; name: string; label: string }) {
  const write = useWriter(props.element);
  return h(CheckboxEntry, {
    id: props.id,
    element: props.element,
    label: props.label,
    getValue: () => read(props.element, props.name) === 'true',
    setValue: (value: boolean) => write({ [props.name]: value ? 'true' : undefined }),
  });
}

function ChannelCheckbox(props: { element: DiagramElement; id: string; channel: string; label: string }) {
  const write = useWriter(props.element);
  const current = () =>
    read(props.element, 'channels')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  return h(CheckboxEntry, {
    id: props.id,
    element: props.element,
    label: props.label,
    // No `channels` property: every channel is open.
    getValue: () => current().length === 0 || current().includes(props.channel),
    setValue: (value: boolean) => {
      const open = new Set(current().length === 0 ? CHANNELS : current());
      if (value) open.add(props.channel as (typeof CHANNELS)[number]);
      else open.delete(props.channel as (typeof CHANNELS)[number]);
      const list = CHANNELS.filter((c) => open.has(c));
      // An empty value would remove the property and so open every channel: the last one stays ticked.
      if (list.length === 0) return;
      write({ channels: list.length === CHANNELS.length ? undefined : list.join(',') });
    },
  });
}

/**
 * Parvis's own groups in the properties panel: deadline and silence regime, channels and
 * notification texts (FR/EN) on the process; deadline and signature on user tasks; a timer's delay
 * in business time; whether a wait pauses the deadline. All stored as zeebe:properties.
 */
export default class ParvisPropertiesProvider {
  static $inject = ['propertiesPanel', 'config.parvis'];
  private readonly lang: DesignerLang;

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    config?: { lang?: DesignerLang },
  ) {
    this.lang = config?.lang ?? 'fr';
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: unknown[]) => {
      const t = (key: LabelKey) => label(this.lang, key);
      const type = element.businessObject.$type;
      const text = (name: string, key: LabelKey, area = false) => ({
        id: `parvis-${name}`,
        component: PropertyText,
        name,
        label: t(key),
        area,
        isEdited: area ? isTextAreaEntryEdited : isTextFieldEntryEdited,
      });
      if (type === 'bpmn:Process' || (type === 'bpmn:Participant' && element.businessObject.get('processRef'))) {
        groups.push(
          {
            id: 'parvis-deadline',
            label: t('group.deadline'),
            entries: [
              text('sla.businessDays', 'sla.businessDays'),
              text('sla.businessHours', 'sla.businessHours'),
              text('sla.atRiskRatio', 'sla.atRiskRatio'),
              {
                id: 'parvis-silence',
                component: PropertySelect,
                name: 'silence',
                label: t('silence'),
                options: [
                  { value: '', label: t('silence.none') },
                  { value: 'acceptance', label: t('silence.acceptance') },
                  { value: 'refusal', label: t('silence.refusal') },
                ],
                isEdited: isSelectEntryEdited,
              },
              text('silence.months', 'silence.months'),
              text('silence.reason', 'silence.reason'),
              text('completeness.months', 'completeness.months'),
              text('service.group', 'service.group'),
            ],
          },
          {
            id: 'parvis-channels',
            label: t('group.channels'),
            entries: CHANNELS.map((channel) => ({
              id: `parvis-channel-${channel}`,
              component: ChannelCheckbox,
              channel,
              label: t(`channel.${channel}` as LabelKey),
              isEdited: isCheckboxEntryEdited,
            })),
          },
          {
            id: 'parvis-notifications',
            label: t('group.notifications'),
            entries: NOTIFICATION_EVENTS.flatMap((event) =>
              (['fr', 'en'] as const).flatMap((lang) =>
                (['subject', 'body'] as const).map((part) => ({
                  ...text(textProperty(event, lang, part), `event.${event}` as LabelKey, part === 'body'),
                  label: `${t(`event.${event}` as LabelKey)} — ${lang.toUpperCase()} — ${t(part)}`,
                  description: part === 'body' && lang === 'fr' ? t('texts.help') : undefined,
                })),
              ),
            ),
          },
        );
      }
      if (type === 'bpmn:UserTask') {
        groups.push(
          {
            id: 'parvis-task-deadline',
            label: t('group.taskDeadline'),
            entries: [text('sla.businessDays', 'sla.businessDays'), text('sla.businessHours', 'sla.businessHours')],
          },
          {
            id: 'parvis-signature',
            label: t('group.signature'),
            entries: [
              {
                id: 'parvis-signature',
                component: PropertySelect,
                name: 'signature',
                label: t('signature'),
                options: [
                  { value: '', label: t('signature.none') },
                  { value: 'required', label: t('signature.required') },
                ],
                isEdited: isSelectEntryEdited,
              },
            ],
          },
        );
      }
      const definitions = (element.businessObject.eventDefinitions as ModdleElement[] | undefined) ?? [];
      if (definitions.some((definition) => definition.$type === 'bpmn:TimerEventDefinition')) {
        groups.push({
          id: 'parvis-timer',
          label: t('group.timer'),
          entries: [
            { ...text('timer.businessDays', 'timer.businessDays'), description: t('timer.help') },
            text('timer.businessHours', 'timer.businessHours'),
          ],
        });
      }
      if (['bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:IntermediateCatchEvent'].includes(type)) {
        groups.push({
          id: 'parvis-wait',
          label: t('group.wait'),
          entries: [
            {
              id: 'parvis-sla-pauses',
              component: PropertyCheckbox,
              name: 'sla.pauses',
              label: t('sla.pauses'),
              isEdited: isCheckboxEntryEdited,
            },
          ],
        });
      }
      return groups;
    };
  }
}
