// The form's file fields, drawn by Parvis in place of form-js's picker (which keeps files in the
// page only): each file chosen is uploaded at once with its progress, the field's value becomes
// the list of ids the server returned (so the draft keeps it), refusals are written beside it.
import './file-picker.css';
import { Description, Errors, FilePicker, FormContext, Label } from '@bpmn-io/form-js-viewer';
import { type FunctionComponent, h } from 'preact';
import { useContext, useRef, useState } from 'preact/hooks';
import type { Lang } from '../composables/useI18n.ts';
import { filePickerText, serverWords, sizeText } from './file-picker-texts.ts';
import { type UploadedFile, uploadedNames, uploadFile } from './upload-file.ts';

// form-js types its Label's children too narrowly for preact's h().
const FieldLabel = Label as unknown as FunctionComponent<{
  id: string;
  htmlFor: string;
  label?: string;
  required?: boolean;
}>;

/** As the server allows (engine MAX_FILES_PER_FIELD). */
const MAX_FILES = 10;

export interface FilePickerOptions {
  /** `/files/<municipality>/<procedure>`; without it the field cannot take files. */
  uploadTo?: string;
  lang: Lang;
  /** Told how many uploads are under way, so the form waits for them before it is sent. */
  onPending(count: number): void;
}

interface FieldProps {
  field: {
    id: string;
    key: string;
    label?: string;
    description?: string;
    accept?: string;
    multiple?: unknown;
    validate?: { required?: boolean };
  };
  value: unknown;
  errors?: string[];
  domId: string;
  disabled?: boolean;
  readonly?: boolean;
  indexes?: Record<string, number>;
  onChange(update: { value: unknown }): void;
}

interface Sending {
  key: number;
  name: string;
  percent: number;
}

interface Refusal {
  key: number;
  text: string;
}

/** form-js path of the field, lists' rows as `[]`: `children[].certificate`. */
function uploadField(formContext: { getService(name: string): unknown }, props: FieldProps): string {
  const registry = formContext.getService('pathRegistry') as {
    getValuePath(field: unknown, options: { indexes?: Record<string, number> }): (string | number)[];
  };
  return registry
    .getValuePath(props.field, { indexes: props.indexes })
    .map((part, i) => (typeof part === 'number' ? '[]' : i === 0 ? part : `.${part}`))
    .join('');
}

export function filePickerModule(options: FilePickerOptions) {
  const { lang } = options;
  const t = (key: Parameters<typeof filePickerText>[1], params?: Record<string, string | number>) =>
    filePickerText(lang, key, params);
  let pending = 0;
  let nextKey = 0;
  const track = (delta: number) => {
    pending += delta;
    options.onPending(pending);
  };

  function ParvisFilePicker(props: FieldProps) {
    const formContext = useContext(FormContext) as unknown as { getService(name: string): unknown };
    const ids = Array.isArray(props.value) ? (props.value as string[]) : [];
    const latest = useRef(ids);
    latest.current = ids;
    const [sending, setSending] = useState<Sending[]>([]);
    const [refusals, setRefusals] = useState<Refusal[]>([]);
    const multiple = props.field.multiple === true || typeof props.field.multiple === 'string';
    const max = multiple ? MAX_FILES : 1;
    const unavailable = !options.uploadTo;
    const errorId = `${props.domId}-error-message`;
    const descriptionId = `${props.domId}-description`;
    const labelId = `${props.domId}-label`;
    const input = useRef<HTMLInputElement>(null);

    const setIds = (next: string[]) => {
      latest.current = next;
      props.onChange({ value: next.length ? next : null });
    };

    async function send(file: File, url: string) {
      const key = nextKey++;
      setSending((list) => [...list, { key, name: file.name, percent: 0 }]);
      track(1);
      const result = await uploadFile(url, file, (percent) =>
        setSending((list) => list.map((item) => (item.key === key ? { ...item, percent } : item))),
      );
      track(-1);
      setSending((list) => list.filter((item) => item.key !== key));
      if (result.ok) {
        uploadedNames.remember(result.file);
        setIds(multiple ? [...latest.current, result.file.id] : [result.file.id]);
      } else {
        const reason = result.message ? serverWords(result.message, lang) : t('offline');
        setRefusals((list) => [...list, { key, text: t('refused', { name: file.name, reason }) }]);
      }
    }

    function choose(event: Event) {
      const input = event.target as HTMLInputElement;
      const chosen = Array.from(input.files ?? []);
      input.value = '';
      if (!options.uploadTo || chosen.length === 0) return;
      const url = `${options.uploadTo}?field=${encodeURIComponent(uploadField(formContext, props))}`;
      const room = multiple ? max - latest.current.length - sending.length : 1;
      setRefusals(chosen.length > room ? [{ key: nextKey++, text: t('tooMany', { max }) }] : []);
      for (const file of chosen.slice(0, Math.max(0, room))) void send(file, url);
    }

    const described = [props.field.description ? descriptionId : '', props.errors?.length ? errorId : '']
      .filter(Boolean)
      .join(' ');
    const files: UploadedFile[] = ids.map((id) => ({
      id,
      ...(uploadedNames.recall(id) ?? { name: t('unknownName'), size: 0 }),
    }));

    return h(
      'div',
      {
        class: `fjs-form-field fjs-form-field-filepicker parvis-file-picker${props.errors?.length ? ' fjs-has-errors' : ''}`,
      },
      [
        h(FieldLabel, {
          id: labelId,
          htmlFor: props.domId,
          label: props.field.label,
          required: props.field.validate?.required,
        }),
        // The browser writes its own file input in its own language: a button in the page's opens it.
        h('input', {
          ref: input,
          type: 'file',
          id: `${props.domId}-input`,
          class: 'fjs-hidden',
          tabIndex: -1,
          'aria-hidden': 'true',
          accept: props.field.accept || undefined,
          multiple: multiple || undefined,
          onChange: choose,
        }),
        h(
          'button',
          {
            type: 'button',
            id: props.domId,
            class: 'button button--secondary parvis-file-picker__choose',
            disabled: props.disabled || props.readonly || unavailable,
            'aria-labelledby': `${labelId} ${props.domId}`,
            'aria-describedby': described || undefined,
            'aria-invalid': props.errors?.length ? 'true' : undefined,
            onClick: () => input.current?.click(),
          },
          multiple ? t('chooseMany', { max }) : t('choose'),
        ),
        unavailable ? h('p', { class: 'parvis-file-picker__note' }, t('unavailable')) : null,
        files.length
          ? h(
              'ul',
              { class: 'parvis-file-picker__files', 'aria-label': t('attached') },
              files.map((file) =>
                h('li', { key: file.id }, [
                  h('span', { class: 'parvis-file-picker__name' }, file.name),
                  file.size
                    ? h('span', { class: 'parvis-file-picker__size' }, ` (${sizeText(lang, file.size)})`)
                    : null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'parvis-file-picker__remove',
                      'aria-label': t('removeNamed', { name: file.name }),
                      disabled: props.disabled || props.readonly,
                      onClick: () => setIds(latest.current.filter((id) => id !== file.id)),
                    },
                    t('remove'),
                  ),
                ]),
              ),
            )
          : null,
        h(
          'div',
          { 'aria-live': 'polite' },
          sending.map((item) =>
            h('p', { key: item.key, class: 'parvis-file-picker__sending' }, [
              h('progress', { max: 100, value: item.percent, 'aria-label': item.name }),
              ` ${t('sending', { name: item.name, percent: item.percent })}`,
            ]),
          ),
        ),
        h(
          'div',
          { role: 'alert' },
          refusals.map((refusal) => h('p', { key: refusal.key, class: 'parvis-file-picker__refused' }, refusal.text)),
        ),
        h(Description, { id: descriptionId, description: props.field.description }),
        h(Errors, { id: errorId, errors: props.errors ?? [] }),
      ],
    );
  }
  ParvisFilePicker.config = { ...FilePicker.config };

  class FilePickerRenderer {
    static $inject = ['formFields'];
    constructor(formFields: { register(type: string, component: unknown): void }) {
      formFields.register('filepicker', ParvisFilePicker);
    }
  }
  return { __init__: ['parvisFilePicker'], parvisFilePicker: ['type', FilePickerRenderer] };
}
