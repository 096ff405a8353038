import { z } from 'zod';
import { isoDateTimeSchema } from './schemas';
import { caseIdSchema } from './case-file/common';
import { VOCABULARIES as V } from './vocabularies';

/**
 * Referral packages between organisations (issue 6 §2, docs/referral-packages.md): each vault has
 * an organisation key pair (X25519 to receive, Ed25519 to sign); partners exchange public key
 * files and compare fingerprints by phone; a package is encrypted to the partner and signed by us.
 */

/** The suffixes the dialogs offer (the core accepts any name). */
export const REFERRAL_EXTENSION = 'amparo-referral';
export const ORGANISATION_KEY_EXTENSION = 'amparo-key';

export const organisationNameSchema = z.string().trim().min(1).max(120);

/** A fingerprint as stored and compared: 32 uppercase hex digits (128 bits of SHA-256). */
export const fingerprintSchema = z.string().regex(/^[0-9A-F]{32}$/);

/** "3F2A 9C01 …": the fingerprint in groups of four, to read aloud by phone. */
export function fingerprintGroups(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte key in base64');

/** The public key file an organisation gives its partners (JSON). */
export const organisationKeyFileSchema = z.strictObject({
  format: z.literal('amparo-organisation-key'),
  version: z.literal(1),
  organisation: organisationNameSchema,
  /** X25519: packages for this organisation are encrypted to it. */
  encryptionKey: base64Key,
  /** Ed25519: packages from this organisation are signed with it. */
  signingKey: base64Key,
  fingerprint: fingerprintSchema,
});
export type OrganisationKeyFile = z.infer<typeof organisationKeyFileSchema>;

/** This vault's organisation: its name (a setting) and its public identity. */
export const ourOrganisationSchema = z.strictObject({
  name: z.string(),
  fingerprint: fingerprintSchema,
});
export type OurOrganisation = z.infer<typeof ourOrganisationSchema>;

export const partnerIdSchema = z.uuid();

export const partnerSchema = z.strictObject({
  id: partnerIdSchema,
  name: z.string(),
  fingerprint: fingerprintSchema,
  addedAt: isoDateTimeSchema,
  addedBy: z.string().nullable(),
});
export type Partner = z.infer<typeof partnerSchema>;

/** A key file read through the main process's dialog, before the administrator confirms it. */
export const keyFilePreviewSchema = z.strictObject({
  organisation: z.string(),
  encryptionKey: base64Key,
  signingKey: base64Key,
  fingerprint: fingerprintSchema,
  /** Set when a partner with these very keys is already in the directory. */
  knownAs: z.string().nullable(),
});
export type KeyFilePreview = z.infer<typeof keyFilePreviewSchema>;

export const partnerAddSchema = z.strictObject({
  /** The name to file it under (defaults to the name in the file; the administrator may correct it). */
  name: organisationNameSchema,
  encryptionKey: base64Key,
  signingKey: base64Key,
  /** The fingerprint the administrator compared by phone: must be the keys' own. */
  fingerprint: fingerprintSchema,
  confirmed: z.literal(true),
});

/** What a package may carry: identity, sections and kinds of records. */
export const PACKAGE_PARTS = ['identity', 'profile', 'experience', 'plan', 'return', 'reintegration', 'legal', 'consent', 'risk', 'service', 'note', 'clinical'] as const;
export type PackagePart = (typeof PACKAGE_PARTS)[number];
export const packagePartSchema = z.enum(PACKAGE_PARTS);

export const referralSendSchema = z.strictObject({
  caseId: caseIdSchema,
  partnerId: partnerIdSchema,
  parts: z.array(packagePartSchema).min(1).max(PACKAGE_PARTS.length),
  servicesRequested: z.array(V.serviceType.schema).max(20).default([]),
  reason: z.string().trim().max(2000).default(''),
  /** A supervisor may send without the person's recorded consent, with a reason (audited). */
  overrideReason: z.string().trim().max(200).default(''),
});

export const referralSentSchema = z.strictObject({
  recordId: z.uuid(),
  parts: z.array(packagePartSchema),
  /** True when the identity was asked for but is sealed from the sender (left out). */
  identityLeftOut: z.boolean(),
});

/** What the receiving person sees before accepting: who, when, which parts; no content. */
export const referralPreviewSchema = z.strictObject({
  token: z.string().regex(/^[0-9a-f]{32}$/),
  sender: z.string(),
  senderFingerprint: fingerprintSchema,
  createdAt: isoDateTimeSchema,
  parts: z.array(packagePartSchema),
  recordCounts: z.record(z.string(), z.number().int().nonnegative()),
  servicesRequested: z.array(z.string()),
  senderCaseCode: z.string(),
});
export type ReferralPreview = z.infer<typeof referralPreviewSchema>;
