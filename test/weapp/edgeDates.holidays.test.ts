/** The edge-date stories (support/edgeDateStory.ts) on the eves of 春节 and 国庆 and a make-up Saturday. */
import { edgeDateStories } from './support/edgeDateStory'
import { WEAPP_TIMEOUT } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

edgeDateStories(['springFestivalEve', 'makeUpSaturday', 'nationalDayEve'])
