import type { AddPremiseCautionBody } from '@common/api/premises.ts'
import type { UnitType } from '@common/domain/units.ts'

/**
 * DEMO DATA, not a real roster: stations and units of the demo region (Worcester, Shrewsbury,
 * Leicester), placed near real neighbourhoods so distances look plausible on a map.
 */
export interface DemoStation {
  code: string
  name: string
  agency: string
  town: string
  address: string
  lat: number
  lon: number
}

export const DEMO_STATIONS: DemoStation[] = [
  {
    code: 'WFD1',
    name: 'Worcester Fire Station 1 (Central)',
    agency: 'WFD',
    town: 'Worcester',
    address: '141 Grove St',
    lat: 42.2784,
    lon: -71.8076,
  },
  {
    code: 'WFD2',
    name: 'Worcester Fire Station 2 (Park Ave)',
    agency: 'WFD',
    town: 'Worcester',
    address: '640 Park Ave',
    lat: 42.2662,
    lon: -71.8262,
  },
  {
    code: 'WFD3',
    name: 'Worcester Fire Station 3 (Grafton St)',
    agency: 'WFD',
    town: 'Worcester',
    address: '424 Grafton St',
    lat: 42.2487,
    lon: -71.7813,
  },
  {
    code: 'WFD4',
    name: 'Worcester Fire Station 4 (Burncoat)',
    agency: 'WFD',
    town: 'Worcester',
    address: '1 Burncoat St',
    lat: 42.2965,
    lon: -71.7883,
  },
  {
    code: 'WFD5',
    name: 'Worcester Fire Station 5 (Webster Sq)',
    agency: 'WFD',
    town: 'Worcester',
    address: '20 Webster St',
    lat: 42.2396,
    lon: -71.8245,
  },
  {
    code: 'WPDHQ',
    name: 'Worcester Police Headquarters',
    agency: 'WPD',
    town: 'Worcester',
    address: '9 Lincoln Sq',
    lat: 42.2683,
    lon: -71.799,
  },
  {
    code: 'SFD1',
    name: 'Shrewsbury Fire Headquarters',
    agency: 'SFD',
    town: 'Shrewsbury',
    address: '11 Church Rd',
    lat: 42.2951,
    lon: -71.7133,
  },
  {
    code: 'SFD2',
    name: 'Shrewsbury Fire Station 2',
    agency: 'SFD',
    town: 'Shrewsbury',
    address: '2 Lake St',
    lat: 42.279,
    lon: -71.688,
  },
  {
    code: 'SPDHQ',
    name: 'Shrewsbury Police Headquarters',
    agency: 'SPD',
    town: 'Shrewsbury',
    address: '106 Maple Ave',
    lat: 42.296,
    lon: -71.712,
  },
  {
    code: 'LFD1',
    name: 'Leicester Fire Station 1',
    agency: 'LFD',
    town: 'Leicester',
    address: '3 Washburn Sq',
    lat: 42.2468,
    lon: -71.908,
  },
  {
    code: 'LFD2',
    name: 'Leicester Fire Station 2 (Cherry Valley)',
    agency: 'LFD',
    town: 'Leicester',
    address: '1 Main St',
    lat: 42.2365,
    lon: -71.877,
  },
  {
    code: 'LPDHQ',
    name: 'Leicester Police Headquarters',
    agency: 'LPD',
    town: 'Leicester',
    address: '90 S Main St',
    lat: 42.2459,
    lon: -71.9087,
  },
]

export interface DemoUnit {
  code: string
  station: string
  unitType: UnitType
  capabilities?: string[]
}

const many = (
  prefix: string,
  from: number,
  to: number,
  station: string,
  unitType: UnitType,
  capabilities?: string[],
) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    code: `${prefix}${from + i}`,
    station,
    unitType,
    capabilities,
  }))

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'E1', station: 'WFD1', unitType: 'engine' },
  { code: 'E2', station: 'WFD2', unitType: 'engine' },
  { code: 'E3', station: 'WFD3', unitType: 'engine' },
  { code: 'E4', station: 'WFD4', unitType: 'engine' },
  { code: 'E5', station: 'WFD5', unitType: 'engine' },
  { code: 'E6', station: 'WFD1', unitType: 'engine' },
  { code: 'E7', station: 'WFD2', unitType: 'engine' },
  { code: 'E8', station: 'WFD3', unitType: 'engine' },
  { code: 'L1', station: 'WFD1', unitType: 'ladder' },
  { code: 'L2', station: 'WFD2', unitType: 'ladder' },
  { code: 'L4', station: 'WFD4', unitType: 'ladder' },
  { code: 'L5', station: 'WFD5', unitType: 'ladder' },
  { code: 'R1', station: 'WFD1', unitType: 'rescue', capabilities: ['technical rescue', 'dive'] },
  { code: 'C2', station: 'WFD1', unitType: 'chief' },
  { code: 'C3', station: 'WFD3', unitType: 'chief' },
  ...many('M', 1, 4, 'WFD1', 'ambulance', ['ALS']),
  ...many('WP', 11, 26, 'WPDHQ', 'patrol'),
  { code: 'WSGT1', station: 'WPDHQ', unitType: 'police_supervisor' },
  { code: 'WSGT2', station: 'WPDHQ', unitType: 'police_supervisor' },
  { code: 'WK9', station: 'WPDHQ', unitType: 'k9' },
  { code: 'WDET1', station: 'WPDHQ', unitType: 'detective' },
  { code: 'SE1', station: 'SFD1', unitType: 'engine' },
  { code: 'SE2', station: 'SFD2', unitType: 'engine' },
  { code: 'SL1', station: 'SFD1', unitType: 'ladder' },
  { code: 'SA1', station: 'SFD1', unitType: 'ambulance', capabilities: ['ALS'] },
  { code: 'SA2', station: 'SFD2', unitType: 'ambulance', capabilities: ['BLS'] },
  { code: 'SC1', station: 'SFD1', unitType: 'chief' },
  ...many('SP', 1, 5, 'SPDHQ', 'patrol'),
  { code: 'SSGT1', station: 'SPDHQ', unitType: 'police_supervisor' },
  { code: 'LE1', station: 'LFD1', unitType: 'engine' },
  { code: 'LE2', station: 'LFD2', unitType: 'engine' },
  { code: 'LA1', station: 'LFD1', unitType: 'ambulance', capabilities: ['BLS'] },
  { code: 'LC1', station: 'LFD1', unitType: 'chief' },
  ...many('LP', 1, 4, 'LPDHQ', 'patrol'),
  { code: 'LSGT1', station: 'LPDHQ', unitType: 'police_supervisor' },
]

export const DEMO_PREMISE_CAUTIONS: AddPremiseCautionBody[] = [
  {
    address: {
      houseNumber: '455',
      street: 'Main',
      streetType: 'St',
      town: 'Worcester',
      state: 'MA',
    },
    kind: 'hazard',
    text: 'DEMO: oxygen cylinders stored in the basement',
  },
  {
    address: {
      houseNumber: '25',
      street: 'Chandler',
      streetType: 'St',
      town: 'Worcester',
      state: 'MA',
    },
    kind: 'weapons',
    text: 'DEMO: resident known to keep firearms; officer safety',
  },
  {
    address: {
      houseNumber: '100',
      street: 'Maple',
      streetType: 'Ave',
      town: 'Shrewsbury',
      state: 'MA',
    },
    kind: 'animal',
    text: 'DEMO: aggressive dog in the yard',
  },
]
