// One function instance: a worker thread that loads the bundle once and runs one
// invocation at a time. process.env here is this thread's own copy, so setting the
// caller's identity per invocation cannot leak into other instances.
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const Module = require('node:module')

// Bundles keep wx-server-sdk external; resolve it from the repo when the function
// folder has no node_modules of its own.
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, parent, isMain, options) {
  try {
    return resolveFilename.call(this, request, parent, isMain, options)
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error
    return resolveFilename.call(this, request, parent, isMain, { paths: workerData.fallbackPaths })
  }
}

const baseEnv = { ...process.env }
let invocationKeys = []
let main

function applyInvocationEnv(env) {
  for (const key of invocationKeys) {
    if (key in baseEnv) process.env[key] = baseEnv[key]
    else delete process.env[key]
  }
  Object.assign(process.env, env)
  invocationKeys = Object.keys(env)
}

function loadMain() {
  if (main) return main
  const exported = require(workerData.entry)
  if (typeof exported.main !== 'function') throw new Error(`${workerData.entry} does not export main`)
  main = exported.main
  return main
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return
  applyInvocationEnv(message.env)
  try {
    const result = await loadMain()(message.event, message.context)
    const json = result === undefined ? 'null' : JSON.stringify(result)
    parentPort.postMessage({ type: 'result', id: message.id, ok: true, json })
  } catch (error) {
    const text = error && error.message !== undefined ? String(error.message) : String(error)
    parentPort.postMessage({ type: 'result', id: message.id, ok: false, message: text, stack: error && error.stack })
  }
})
