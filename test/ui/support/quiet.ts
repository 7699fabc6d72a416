// The jsdom stand-ins render Taro components as DOM elements; React warns about Taro-only props
// (openType, maxlength…). Those warnings say nothing about the behaviour under test.
const original = console.error
const TARO_PROP_NOISE = /React does not recognize the|non-boolean attribute|Invalid DOM property|Unknown event handler property/
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && TARO_PROP_NOISE.test(args[0])) return
    original(...(args as []))
  })
})
afterAll(() => (console.error as jest.Mock).mockRestore())
