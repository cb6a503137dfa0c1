import { shallowRef } from 'vue';
import {
  CITIZEN_SIGN_IN,
  CITIZEN_SIGN_OUT,
  type CitizenProfile,
  MY_PROFILE,
  SIGN_IN_WITH_LINK,
} from '../graphql/citizen.ts';
import { MUNICIPALITY } from '../municipality.ts';
import { useGraphql } from './useGraphql.ts';
import { syncReadingSettingsWithAccount } from './useReadingSettings.ts';

const citizen = shallowRef<CitizenProfile | null>();
let asking: Promise<CitizenProfile | null> | undefined;

/** The signed-in citizen (undefined until asked, null when nobody is), sign-in and sign-out. */
export function useCitizenSession() {
  const { request } = useGraphql();

  /** Asks the API who is signed in (the session may have expired since). */
  function refresh(): Promise<CitizenProfile | null> {
    asking ??= request(MY_PROFILE)
      .then(({ myProfile }) => {
        citizen.value = myProfile;
        return myProfile;
      })
      .finally(() => {
        asking = undefined;
      });
    return asking;
  }

  /** Who is signed in, asking the API only the first time. */
  async function known(): Promise<CitizenProfile | null> {
    return citizen.value === undefined ? refresh() : citizen.value;
  }

  async function signIn(email: string, password: string) {
    const result = await request(CITIZEN_SIGN_IN, {
      municipality: MUNICIPALITY,
      email,
      password,
    });
    citizen.value = result.citizenSignIn;
    await syncReadingSettingsWithAccount();
  }

  async function signInWithLink(municipality: string, token: string) {
    const result = await request(SIGN_IN_WITH_LINK, { municipality, token });
    citizen.value = result.signInWithLink;
    await syncReadingSettingsWithAccount();
  }

  async function signOut() {
    await request(CITIZEN_SIGN_OUT);
    citizen.value = null;
  }

  /** After the account is deleted or the session found expired. */
  function forget() {
    citizen.value = null;
  }

  function update(profile: CitizenProfile) {
    citizen.value = profile;
  }

  return { citizen, refresh, known, signIn, signInWithLink, signOut, forget, update };
}
