import ParvisTemplateChooser from './ParvisTemplateChooser.ts';

/** bpmn-js module: Parvis's element templates for service tasks and a chooser the page drives. */
export default {
  __init__: ['parvisTemplates'],
  parvisTemplates: ['type', ParvisTemplateChooser],
};
export { PARVIS_TEMPLATES } from './templates.ts';
