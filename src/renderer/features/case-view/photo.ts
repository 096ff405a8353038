/** The identity photo is sealed with the case key; the core then lists it under the name "photo". */
export const SEALED_PHOTO_NAME = 'photo';

export function isSealedPhoto(attachment: { name: string }): boolean {
  return attachment.name === SEALED_PHOTO_NAME;
}
