/** The edge-date stories (support/edgeDateStory.ts) around a month's and the year's turn. */
import { edgeDateStories } from './support/edgeDateStory'
import { WEAPP_TIMEOUT } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

edgeDateStories(['monthStartsTuesday', 'mondayNov30', 'yearEnd'])
