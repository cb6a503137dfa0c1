import DryRunPath from './DryRunPath.ts';

/** bpmn-js module: a dry run's path and waits, shown as markers on the diagram. */
export default {
  __init__: ['parvisDryRunPath'],
  parvisDryRunPath: ['type', DryRunPath],
};
