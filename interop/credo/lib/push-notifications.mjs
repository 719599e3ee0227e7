// push-notifications-fcm 1.0 (Aries RFC 0734) on Credo 0.6.3's DIDComm message classes, notification-receiver
// role. @credo-ts/push-notifications 0.7.1 targets Credo 0.5 (peer @credo-ts/core ^0.5.0) and does not load on
// 0.6.3 ("Class extends value undefined": Credo 0.6 moved the DIDComm classes to @credo-ts/didcomm), so its two
// outbound messages (set-device-info, get-device-info) and the answers (device-info, ack) are defined here.
import {
  DidCommMessage,
  DidCommMessageSender,
  DidCommOutboundMessageContext,
  IsValidMessageType,
  parseMessageType,
} from '@credo-ts/didcomm'

const FCM = 'https://didcomm.org/push-notifications-fcm/1.0'

function messageClass(name, fields) {
  const type = parseMessageType(`${FCM}/${name}`)
  const cls = class extends DidCommMessage {
    constructor(options) {
      super()
      this.allowDidSovPrefix = true
      this.type = type.messageTypeUri
      if (options) {
        this.id = options.id ?? this.generateId()
        for (const field of fields) this[field] = options[field] ?? null
      }
    }
  }
  cls.type = type
  Object.defineProperty(cls, 'name', { value: name })
  IsValidMessageType(type)(cls.prototype, 'type')
  return cls
}

/** `set-device-info {"device_token","device_platform"}` (both null: remove). */
export const SetDeviceInfoMessage = messageClass('set-device-info', ['device_token', 'device_platform'])
/** `get-device-info`. */
export const GetDeviceInfoMessage = messageClass('get-device-info', [])
/** `device-info {"device_token","device_platform"}`, threaded to the get-device-info. */
export const DeviceInfoMessage = messageClass('device-info', ['device_token', 'device_platform'])
/** `ack {"status"}` (RFC 0015, adopted), threaded to the set-device-info. */
export const PushAckMessage = messageClass('ack', ['status'])

/** Answers awaited by thread id: thid -> resolve. */
const waiting = new Map()

/** Handlers for the answers; register them on every wallet agent. */
export function pushNotificationHandlers() {
  const answer = (cls) => ({
    supportedMessages: [cls],
    async handle(messageContext) {
      const message = messageContext.message
      const resolve = waiting.get(message.threadId)
      if (resolve) {
        waiting.delete(message.threadId)
        resolve(message)
      }
    },
  })
  return [answer(DeviceInfoMessage), answer(PushAckMessage)]
}

/** Sends `message` on the connection and resolves with the threaded answer. */
export async function request(agent, connectionId, message, timeoutMs) {
  const connection = await agent.didcomm.connections.getById(connectionId)
  const answered = new Promise((resolve, reject) => {
    waiting.set(message.id, resolve)
    setTimeout(() => {
      if (waiting.delete(message.id)) reject(new Error(`${message.type}: no answer within ${timeoutMs} ms`))
    }, timeoutMs)
  })
  const sender = agent.dependencyManager.resolve(DidCommMessageSender)
  await sender.sendMessage(new DidCommOutboundMessageContext(message, { agentContext: agent.context, connection }))
  return answered
}
