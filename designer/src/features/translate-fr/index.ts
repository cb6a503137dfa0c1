import { translateFr } from './translations.ts';

/** bpmn-js module: the modeler's own words in French (palette, context pad, type changes). */
export default {
  translate: ['value', translateFr],
};
