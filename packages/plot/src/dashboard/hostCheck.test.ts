import { describe, expect, it } from 'vitest'
import { hostFilter } from './hostCheck'

describe('hostFilter', () => {
  it('lets a loopback server answer its loopback names with its port only', () => {
    const allowed = hostFilter('127.0.0.1', 8080)
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080']) {
      expect(allowed(host)).toBe(true)
    }
    for (const host of [
      undefined,
      '',
      'evil.example:8080',
      'localhost',
      'localhost:8081',
      '127.0.0.1:80',
      'localhost.:8080',
    ]) {
      expect(allowed(host)).toBe(false)
    }
  })

  it('lets a server bound to a name answer that name only', () => {
    const allowed = hostFilter('mybox.lan', 3000)
    expect(allowed('mybox.lan:3000')).toBe(true)
    expect(allowed('localhost:3000')).toBe(false)
    expect(allowed('10.0.0.2:3000')).toBe(false)
  })

  it('lets a wildcard server answer IP addresses and loopback names, but no other name', () => {
    const allowed = hostFilter('0.0.0.0', 80)
    expect(['10.0.0.2', '10.0.0.2:80', '[fe80::1]:80', 'localhost'].map(allowed)).toEqual([true, true, true, true])
    expect(['attacker.example', 'attacker.example:80', '10.0.0.2:81'].map(allowed)).toEqual([false, false, false])
  })

  it('brackets an IPv6 bind address as a Host header does', () => {
    expect(hostFilter('::1', 9000)('[::1]:9000')).toBe(true)
    expect(hostFilter('::1', 9000)('localhost:9000')).toBe(true)
  })
})
