// In-memory StorageService for Credo 0.6.3 (what Askar normally provides).
//
// One instance per agent. Records are kept serialised (JsonTransformer) with a snapshot of their
// tags, so a stopped agent can be re-created on the same instance and find its connections,
// mediation record, DIDs and out-of-band records again. Query semantics follow Askar's tag queries:
// string/boolean values match exactly, an array value matches when the record's array tag contains
// every element, undefined means "no constraint", null means "tag absent"; $and, $or and $not nest.
import {
  CredoError,
  InjectionSymbols,
  JsonTransformer,
  RecordDuplicateError,
  RecordNotFoundError,
  StorageUpdateService,
} from '@credo-ts/core'

export class InMemoryStorageService {
  supportsCursorPagination = false

  /** type -> Map(id -> { value, tags }) */
  #records = new Map()

  #table(type) {
    let table = this.#records.get(type)
    if (!table) {
      table = new Map()
      this.#records.set(type, table)
    }
    return table
  }

  async save(_agentContext, record) {
    record.updatedAt = new Date()
    const table = this.#table(record.type)
    if (table.has(record.id)) {
      throw new RecordDuplicateError(`Record with id ${record.id} already exists`, { recordType: record.type })
    }
    table.set(record.id, snapshot(record))
  }

  async update(_agentContext, record) {
    record.updatedAt = new Date()
    const table = this.#table(record.type)
    if (!table.has(record.id)) {
      throw new RecordNotFoundError(`record with id ${record.id} not found.`, { recordType: record.type })
    }
    table.set(record.id, snapshot(record))
  }

  async delete(_agentContext, record) {
    if (!this.#table(record.type).delete(record.id)) {
      throw new RecordNotFoundError(`record with id ${record.id} not found.`, { recordType: record.type })
    }
  }

  async deleteById(_agentContext, recordClass, id) {
    if (!this.#table(recordClass.type).delete(id)) {
      throw new RecordNotFoundError(`record with id ${id} not found.`, { recordType: recordClass.type })
    }
  }

  async getById(_agentContext, recordClass, id) {
    const stored = this.#table(recordClass.type).get(id)
    if (!stored) throw new RecordNotFoundError(`record with id ${id} not found.`, { recordType: recordClass.type })
    return instance(stored, id, recordClass)
  }

  async getAll(_agentContext, recordClass) {
    return [...this.#table(recordClass.type)].map(([id, stored]) => instance(stored, id, recordClass))
  }

  async findByQuery(_agentContext, recordClass, query, queryOptions) {
    if (queryOptions?.cursor) throw new CredoError('Cursor pagination is not supported by the in-memory storage')
    let matches = [...this.#table(recordClass.type)].filter(([, stored]) => matchesQuery(stored.tags, query ?? {}))
    const offset = queryOptions?.offset ?? 0
    const limit = queryOptions?.limit
    matches = matches.slice(offset, limit === undefined ? undefined : offset + limit)
    return matches.map(([id, stored]) => instance(stored, id, recordClass))
  }

  /** Number of stored records (all types); for diagnostics. */
  get size() {
    let n = 0
    for (const table of this.#records.values()) n += table.size
    return n
  }
}

/** A Credo module that registers the given StorageService instance. */
export class InMemoryStorageModule {
  constructor(storageService = new InMemoryStorageService()) {
    this.storageService = storageService
  }

  register(dependencyManager) {
    dependencyManager.registerInstance(InjectionSymbols.StorageService, this.storageService)
  }

  /** A new store starts at the current framework storage version (as Askar does on provisioning). */
  async onInitializeContext(agentContext) {
    const updates = agentContext.dependencyManager.resolve(StorageUpdateService)
    if (!(await updates.hasStorageVersionRecord(agentContext))) {
      await updates.setCurrentStorageVersion(agentContext, StorageUpdateService.frameworkStorageVersion)
    }
  }
}

function snapshot(record) {
  const tags = {}
  for (const [name, value] of Object.entries(record.getTags())) {
    if (value === undefined) continue
    tags[name] = Array.isArray(value) ? [...value] : value
  }
  return { value: JsonTransformer.toJSON(record), tags }
}

function instance(stored, id, recordClass) {
  const record = JsonTransformer.fromJSON(stored.value, recordClass)
  record.id = id
  const tags = {}
  for (const [name, value] of Object.entries(stored.tags)) tags[name] = Array.isArray(value) ? [...value] : value
  record.replaceTags(tags)
  return record
}

function matchesQuery(tags, query) {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (key === '$and') {
      if (!value.every((q) => matchesQuery(tags, q))) return false
    } else if (key === '$or') {
      if (value.length > 0 && !value.some((q) => matchesQuery(tags, q))) return false
    } else if (key === '$not') {
      if (matchesQuery(tags, value)) return false
    } else if (!matchesTag(tags[key], value)) {
      return false
    }
  }
  return true
}

function matchesTag(tagValue, queryValue) {
  if (queryValue === null) return tagValue === undefined || tagValue === null
  if (Array.isArray(queryValue)) {
    return Array.isArray(tagValue) && queryValue.every((v) => tagValue.includes(v))
  }
  if (Array.isArray(tagValue)) return false
  return tagValue === queryValue
}
