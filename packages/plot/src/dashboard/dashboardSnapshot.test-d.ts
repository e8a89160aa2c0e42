import type { Snapshot } from '@gradstream/train'
import { expectTypeOf, it } from 'vitest'
import type { DashboardSnapshot } from './dashboardOptions'

it("accepts train's snapshots without plot depending on train", () => {
  expectTypeOf<Snapshot>().toExtend<DashboardSnapshot>()
})
