// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
export const en = {} as const;

export const fr: Record<keyof typeof en, string> = {};
