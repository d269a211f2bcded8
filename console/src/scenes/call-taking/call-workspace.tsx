import type { Disposition, NatureCode } from '@common/api/incidents.ts'
import { useState } from 'react'
import { clockTime } from '../../ui/time.ts'
import { AddressEntry, NO_ADDRESS, type AddressChoice } from './address-entry.tsx'
import { CallLocations } from './call-locations.tsx'
import { DuplicatesPanel } from './duplicates-panel.tsx'
import { FinishCall } from './finish-call.tsx'
import { IncidentForm } from './incident-form.tsx'
import { LINE_LABELS } from '../../ui/call-labels.ts'
import { MediaAlertBanner } from './media-alert.tsx'
import { Ng911Panel, useCallDelivery } from './ng911-panel.tsx'
import { PremisePanel } from './premise-panel.tsx'
import { ResidentDataSlot } from './resident-data-slot.tsx'
import { TextConversation } from './text-conversation.tsx'
import { useCallView } from './use-call-view.ts'

/** Everything about the call in hand, and what the call taker does with it. */
export function CallWorkspace({
  callId,
  natureCodes,
  dispositions,
  onClosed,
}: {
  callId: string
  natureCodes: readonly NatureCode[]
  dispositions: readonly Disposition[]
  onClosed: () => void
}) {
  const { view: call, stale, show } = useCallView(callId)
  const [choice, setChoice] = useState<AddressChoice>(NO_ADDRESS)
  const delivery = useCallDelivery(call)
  if (!call) {
    return (
      <section className="call-workspace" aria-label="Selected call">
        <p className="muted">{stale ? `Could not load the call: ${stale}` : 'Loading the call…'}</p>
      </section>
    )
  }
  return (
    <section className="call-workspace" aria-label="Selected call">
      <header className="panel call-header">
        <span className={`line-badge line-badge-${call.line}`}>{LINE_LABELS[call.line]}</span>
        <dl>
          <dt>ANI</dt>
          <dd className="tabular" data-testid="call-ani">
            {call.ani ?? 'none'}
          </dd>
          <dt>Caller</dt>
          <dd>{call.callerName ?? 'unknown'}</dd>
          <dt>Class</dt>
          <dd>{call.classOfService ?? '–'}</dd>
          <dt>Status</dt>
          <dd>
            {call.status === 'answered' && call.answeredAt
              ? `answered at ${clockTime(call.answeredAt)}`
              : call.status === 'released'
                ? 'line released'
                : call.status}
          </dd>
        </dl>
        {stale && (
          <p className="stale" role="alert">
            May be out of date: {stale}
          </p>
        )}
      </header>
      <MediaAlertBanner callId={call.id} />
      <div className="workspace-grid">
        <div className="workspace-column">
          <CallLocations call={call} onView={show} />
          <AddressEntry call={call} choice={choice} onChoice={setChoice} onView={show} />
          <IncidentForm call={call} natureCodes={natureCodes} choice={choice} onView={show} />
        </div>
        <div className="workspace-column">
          <TextConversation call={call} />
          <DuplicatesPanel call={call} onView={show} />
          <Ng911Panel state={delivery} />
          <PremisePanel call={call} />
          <ResidentDataSlot call={call} />
          <FinishCall call={call} dispositions={dispositions} onView={show} onClosed={onClosed} />
        </div>
      </div>
    </section>
  )
}
