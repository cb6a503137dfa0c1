// Test helpers: write small DMN 1.3 decisions inline.

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Wraps decisions into a DMN 1.3 definitions file. */
export function dmn(decisions: string, id = 'definitions'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${id}" name="Decisions" namespace="http://parvis.test/dmn">
${decisions}
</definitions>`;
}

export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  /** output names; `name:"a","b"` gives output values (priorities) */
  outputs: string[];
  /** each rule: its input entries then its output entries */
  rules: string[][];
  requires?: string[];
}

/** A decision table; rules are given as cells, inputs first. */
export function table(spec: TableSpec): string {
  const inputs = spec.inputs
    .map(
      (expression, i) =>
        `<input id="${spec.id}_in${i + 1}" label="${escapeXml(expression)}"><inputExpression id="${spec.id}_ie${i + 1}" typeRef="string"><text>${escapeXml(expression)}</text></inputExpression></input>`,
    )
    .join('');
  const outputs = spec.outputs
    .map((output, i) => {
      const [name, values] = output.includes(':')
        ? [output.slice(0, output.indexOf(':')), output.slice(output.indexOf(':') + 1)]
        : [output, ''];
      const outputValues = values
        ? `<outputValues id="${spec.id}_ov${i + 1}"><text>${escapeXml(values)}</text></outputValues>`
        : '';
      return `<output id="${spec.id}_out${i + 1}" name="${name}" typeRef="string">${outputValues}</output>`;
    })
    .join('');
  const rules = spec.rules
    .map((cells, r) => {
      const entries = cells
        .map((cell, c) => {
          const kind = c < spec.inputs.length ? 'inputEntry' : 'outputEntry';
          return `<${kind} id="${spec.id}_r${r + 1}c${c + 1}"><text>${escapeXml(cell)}</text></${kind}>`;
        })
        .join('');
      return `<rule id="${spec.id}_r${r + 1}">${entries}</rule>`;
    })
    .join('');
  const requires = (spec.requires ?? [])
    .map(
      (id, i) =>
        `<informationRequirement id="${spec.id}_req${i + 1}"><requiredDecision href="#${id}" /></informationRequirement>`,
    )
    .join('');
  const hit = spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '';
  const aggregation = spec.aggregation ? ` aggregation="${spec.aggregation}"` : '';
  return `<decision id="${spec.id}" name="${spec.name ?? spec.id}">${requires}<decisionTable id="${spec.id}_table"${hit}${aggregation}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

/** A literal-expression decision; `variable` names its result for the decisions that require it. */
export function literal(
  id: string,
  expression: string,
  options: { variable?: string; requires?: string[] } = {},
): string {
  const requires = (options.requires ?? [])
    .map(
      (req, i) =>
        `<informationRequirement id="${id}_req${i + 1}"><requiredDecision href="#${req}" /></informationRequirement>`,
    )
    .join('');
  const variable = options.variable ? `<variable id="${id}_var" name="${options.variable}" />` : '';
  return `<decision id="${id}" name="${id}">${requires}${variable}<literalExpression id="${id}_expr"><text>${escapeXml(expression)}</text></literalExpression></decision>`;
}

/** A business rule task calling a decision. */
export function businessRuleTask(id: string, decisionId: string, resultVariable: string): string {
  return `<bpmn:businessRuleTask id="${id}"><bpmn:extensionElements><zeebe:calledDecision decisionId="${escapeXml(decisionId).replace(/"/g, '&quot;')}" resultVariable="${resultVariable}" /></bpmn:extensionElements></bpmn:businessRuleTask>`;
}
