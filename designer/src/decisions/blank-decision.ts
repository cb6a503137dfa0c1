// A new DMN file for a procedure: one decision table, as Camunda Modeler starts one.

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The decision id a name gives: letters, digits, `_` and `-`, starting with a letter (an XML id). */
export function decisionIdOf(name: string): string {
  const id = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(id) ? id : `Decision_${id}`;
}

/**
 * A DMN 1.3 file with one decision table named `name`: one input, one output, one rule that
 * matches anything, FIRST hit policy. Its file name is `<decision id>.dmn`.
 */
export function blankDecision(name: string): { name: string; xml: string } {
  const id = decisionIdOf(name);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${id}_definitions" name="${escapeXml(name)}" namespace="http://parvis.fr/dmn">
  <decision id="${id}" name="${escapeXml(name)}">
    <decisionTable id="${id}_table" hitPolicy="FIRST">
      <input id="${id}_input" label="Entrée">
        <inputExpression id="${id}_input_expression" typeRef="string"><text>input</text></inputExpression>
      </input>
      <output id="${id}_output" name="result" typeRef="string" />
      <rule id="${id}_rule">
        <inputEntry id="${id}_rule_in"><text>-</text></inputEntry>
        <outputEntry id="${id}_rule_out"><text>""</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
`;
  return { name: `${id}.dmn`, xml };
}
