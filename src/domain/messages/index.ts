/** Chinese messages for refused input: field labels and the one translation of valibot's issues. */
export { FIELD_LABELS, ITEM_WORDS, WRAPPER_KEYS, labelsOf, withLabels } from './labels'
export { type DescribeOptions, type FieldName, describeIssue, fieldName, labelFor, parseOrRefuse, refuseInput } from './describe'
