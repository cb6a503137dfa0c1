/** The master key of test installations: a fixed one, each test's database is dropped with it. */
export function testMasterKeys(): Record<string, string> {
  return { PARVIS_MASTER_KEY: `test:${Buffer.alloc(32, 7).toString('base64')}` };
}
