import type { ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import type { AppCore } from '../app/app-core';
import type { Session } from '../users/session';
import { exportOrganisationKey, ourOrganisation, setOrganisationName } from './organisation';
import { addPartner, listPartners, readKeyFile, removePartner } from './partners';
import { acceptReferral, discardReferral, previewReferral } from './receive';
import { sendReferral } from './send';

type ReferralChannel =
  | 'organisation.get'
  | 'organisation.setName'
  | 'organisation.exportKey'
  | 'partners.list'
  | 'partners.readKeyFile'
  | 'partners.add'
  | 'partners.remove'
  | 'referrals.send'
  | 'referrals.open'
  | 'referrals.accept'
  | 'referrals.discard';

type Handler<C extends ReferralChannel> = (input: ParsedRequestOf<C>, session: Session | null, core: AppCore) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** Non-null: these channels are never public, so the router has already checked. */
const signedIn = (session: Session | null): Session => session!;

/** The channels of referral packages (issue 6 §2), merged into the router's table. */
export const referralHandlers: { [C in ReferralChannel]: Handler<C> } = {
  'organisation.get': (_input, session) => ourOrganisation(signedIn(session)),
  'organisation.setName': (input, session) => setOrganisationName(signedIn(session), input.name),
  'organisation.exportKey': (_input, session, core) => exportOrganisationKey(signedIn(session), (name) => core.pickSavePath(name, 'organisation-key')),
  'partners.list': (_input, session) => listPartners(signedIn(session).vault.db),
  'partners.readKeyFile': async (_input, session, core) => {
    const s = signedIn(session);
    const file = await core.pickFile('organisation-key');
    return file ? readKeyFile(s, file.bytes) : null;
  },
  'partners.add': (input, session) => addPartner(signedIn(session), input),
  'partners.remove': (input, session) => {
    removePartner(signedIn(session), input.partnerId);
    return { done: true } as const;
  },
  'referrals.send': (input, session, core) => sendReferral(signedIn(session), input, (name) => core.pickSavePath(name, 'referral')),
  'referrals.open': async (_input, session, core) => previewReferral(signedIn(session), await core.pickFile('referral')),
  'referrals.accept': (input, session) => acceptReferral(signedIn(session), input.token),
  'referrals.discard': (input, session) => {
    discardReferral(signedIn(session), input.token);
    return { done: true } as const;
  },
};
