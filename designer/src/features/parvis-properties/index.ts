import ParvisPropertiesProvider from './ParvisPropertiesProvider.ts';

/** bpmn-js module: Parvis's settings in the properties panel (SLA, silence, channels, texts, signature). */
export default {
  __init__: ['parvisPropertiesProvider'],
  parvisPropertiesProvider: ['type', ParvisPropertiesProvider],
};
