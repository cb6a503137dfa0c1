import LiveLint from './LiveLint.ts';

/** bpmn-js module: the engine's compile and bpmnlint run as the model changes; problems show on elements. */
export default {
  __init__: ['parvisLiveLint'],
  parvisLiveLint: ['type', LiveLint],
};
