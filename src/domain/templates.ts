/** The kinds of subscribe message the product sends, one template each (ids are deployment configuration). */
export const TEMPLATE_KEYS = ['status', 'assigned', 'reminder', 'digest'] as const
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]
