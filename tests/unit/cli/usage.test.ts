// `microcred --help` lists the commands from a static table (so it loads none of them); the
// table must say what each command says about itself.
import { describe, expect, it } from 'vitest'
import { COMMAND_SUMMARIES, COMMANDS, usage } from '../../../src/cli/main.js'

describe('microcred --help', () => {
  it('lists every command with its own summary', async () => {
    expect(Object.keys(COMMAND_SUMMARIES)).toEqual(Object.keys(COMMANDS))
    for (const [name, load] of Object.entries(COMMANDS)) {
      const command = await load()
      expect(command.name).toBe(name)
      expect(COMMAND_SUMMARIES[name]).toBe(command.summary)
      expect(usage()).toMatch(new RegExp(`^  ${name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"))
    }
  })
})
