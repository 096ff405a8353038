/** The name of the primary modifier key as printed on this keyboard. */
export function primaryModifierLabel(): string {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '';
  return /mac/i.test(platform) ? '⌘' : 'Ctrl';
}
