/** Chinese messages for refused input: field labels and the one translation of valibot's issues. */
export { withLabels } from './labels'
export { labelFor, parseOrRefuse, refuseInput } from './describe'
