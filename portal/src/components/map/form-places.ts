import type { Form } from '@bpmn-io/form-js-viewer';
import { type Ref, shallowRef } from 'vue';
import type { FormComponent, FormSchema } from '../../graphql/citizen.ts';
import type { LatLng } from './web-mercator.ts';

// A form asks for a place with a plain form-js group holding the number fields `latitude` and
// `longitude` (the engine's forms/place.ts states the same rule and checks the values). The portal
// draws a map inside that group, kept in step with the two fields both ways. The group's text field
// (`address`, else its first one) takes the address the map finds.

type Component = FormComponent & { type?: string; path?: string; decimalDigits?: number };

interface PlaceGroup {
  id: string;
  label?: string;
  path: string[];
  latitude: Component;
  longitude: Component;
  address?: Component;
}

function placeGroups(components: Component[], path: string[] = []): PlaceGroup[] {
  return components.flatMap((component): PlaceGroup[] => {
    // a repeated list has one place per row: not drawn on a map (its fields stay)
    if (!component.components || component.type === 'dynamiclist') return [];
    const inner = component.path ? [...path, ...component.path.split('.')] : path;
    const field = (key: string) => component.components?.find((c: Component) => c.type === 'number' && c.key === key);
    const latitude = field('latitude');
    const longitude = field('longitude');
    const texts = component.components.filter((c: Component) => c.type === 'textfield');
    const address = texts.find((c: Component) => c.key === 'address') ?? texts[0];
    const here =
      component.type === 'group' && component.id && latitude && longitude
        ? [{ id: component.id, label: component.label, path: inner, latitude, longitude, address }]
        : [];
    return [...here, ...placeGroups(component.components, inner)];
  });
}

/** One place of a form: where its map goes, the pin as the fields hold it, and how to move it. */
export interface FormPlace {
  id: string;
  label?: string;
  target: HTMLElement;
  position: Ref<LatLng | null>;
  move(position: LatLng | null): void;
  /** writes an address found on the map in the place's address field, if it has one */
  fillAddress(label: string): void;
}

/** Finds the places a rendered form asks for and opens a spot for a map at the end of each group. */
export function formPlaces(form: Form, schema: FormSchema): FormPlace[] {
  return placeGroups((schema.components ?? []) as Component[]).flatMap((group): FormPlace[] => {
    // form-js gives a group's label the id fjs-form-<form id>-<field id>; the group is its parent
    const groupElement = document.getElementById(`fjs-form-${form._id}-${group.id}`)?.parentElement;
    if (!groupElement) return [];
    const target = document.createElement('div');
    target.className = 'form-place';
    groupElement.append(target);

    const instance = (field: Component) => ({ id: field.id, valuePath: [...group.path, field.key], indexes: {} });
    const latitude = instance(group.latitude);
    const longitude = instance(group.longitude);
    const read = (): LatLng | null => {
      const data = form._getState().data as Record<string, unknown>;
      const at = (valuePath: string[]) =>
        valuePath.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data);
      const [lat, lon] = [at(latitude.valuePath as string[]), at(longitude.valuePath as string[])];
      const numeric = (value: unknown) => value !== null && value !== '' && Number.isFinite(Number(value));
      return numeric(lat) && numeric(lon) ? { latitude: Number(lat), longitude: Number(lon) } : null;
    };
    const position = shallowRef(read());
    form.on('changed', () => {
      const next = read();
      if (next?.latitude !== position.value?.latitude || next?.longitude !== position.value?.longitude) {
        position.value = next;
      }
    });
    // as many decimals as the field allows, at most 6 (about 10 cm)
    const round = (value: number, field: Component) =>
      Number(value.toFixed(Math.min(6, Math.max(0, field.decimalDigits ?? 6))));
    return [
      {
        id: group.id,
        label: group.label,
        target,
        position,
        move(next) {
          form._update({ fieldInstance: latitude, value: next ? round(next.latitude, group.latitude) : null });
          form._update({ fieldInstance: longitude, value: next ? round(next.longitude, group.longitude) : null });
        },
        fillAddress(label) {
          if (group.address) form._update({ fieldInstance: instance(group.address), value: label });
        },
      },
    ];
  });
}
