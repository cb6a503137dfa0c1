import { shallowRef } from 'vue';
import { ME, SIGN_IN, SIGN_OUT, type SignedInAgent } from '../graphql/agent.ts';
import { MUNICIPALITY } from '../municipality.ts';
import { useGraphql } from './useGraphql.ts';

const agent = shallowRef<SignedInAgent | null>();

/** The signed-in agent (undefined until asked, null when nobody is signed in), sign-in and sign-out. */
export function useAgentSession() {
  const { request } = useGraphql();

  async function refresh(): Promise<SignedInAgent | null> {
    agent.value = (await request(ME)).me;
    return agent.value;
  }

  async function signIn(email: string, password: string) {
    const result = await request(SIGN_IN, { municipality: MUNICIPALITY, email, password });
    agent.value = result.signIn;
  }

  async function signOut() {
    await request(SIGN_OUT);
    agent.value = null;
  }

  return { agent, refresh, signIn, signOut };
}
