import type { EnumerationDefinition } from '@flowbridge/flow-model';

/** The commercial AWS regions (partition `aws`), code and display name, as the AWS console lists them. */
export const awsRegions: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'us-east-1', label: 'US East (N. Virginia)' },
  { value: 'us-east-2', label: 'US East (Ohio)' },
  { value: 'us-west-1', label: 'US West (N. California)' },
  { value: 'us-west-2', label: 'US West (Oregon)' },
  { value: 'af-south-1', label: 'Africa (Cape Town)' },
  { value: 'ap-east-1', label: 'Asia Pacific (Hong Kong)' },
  { value: 'ap-east-2', label: 'Asia Pacific (Taipei)' },
  { value: 'ap-south-1', label: 'Asia Pacific (Mumbai)' },
  { value: 'ap-south-2', label: 'Asia Pacific (Hyderabad)' },
  { value: 'ap-southeast-1', label: 'Asia Pacific (Singapore)' },
  { value: 'ap-southeast-2', label: 'Asia Pacific (Sydney)' },
  { value: 'ap-southeast-3', label: 'Asia Pacific (Jakarta)' },
  { value: 'ap-southeast-4', label: 'Asia Pacific (Melbourne)' },
  { value: 'ap-southeast-5', label: 'Asia Pacific (Malaysia)' },
  { value: 'ap-southeast-6', label: 'Asia Pacific (New Zealand)' },
  { value: 'ap-southeast-7', label: 'Asia Pacific (Thailand)' },
  { value: 'ap-northeast-1', label: 'Asia Pacific (Tokyo)' },
  { value: 'ap-northeast-2', label: 'Asia Pacific (Seoul)' },
  { value: 'ap-northeast-3', label: 'Asia Pacific (Osaka)' },
  { value: 'ca-central-1', label: 'Canada (Central)' },
  { value: 'ca-west-1', label: 'Canada West (Calgary)' },
  { value: 'eu-central-1', label: 'Europe (Frankfurt)' },
  { value: 'eu-central-2', label: 'Europe (Zurich)' },
  { value: 'eu-west-1', label: 'Europe (Ireland)' },
  { value: 'eu-west-2', label: 'Europe (London)' },
  { value: 'eu-west-3', label: 'Europe (Paris)' },
  { value: 'eu-south-1', label: 'Europe (Milan)' },
  { value: 'eu-south-2', label: 'Europe (Spain)' },
  { value: 'eu-north-1', label: 'Europe (Stockholm)' },
  { value: 'il-central-1', label: 'Israel (Tel Aviv)' },
  { value: 'me-south-1', label: 'Middle East (Bahrain)' },
  { value: 'me-central-1', label: 'Middle East (UAE)' },
  { value: 'mx-central-1', label: 'Mexico (Central)' },
  { value: 'sa-east-1', label: 'South America (São Paulo)' },
];

/** The enumeration name flows use for regions, e.g. in the type `Enum<aws.Region>`. */
export const REGION_ENUMERATION = 'aws.Region';

/** The region type name for fields and parameters. */
export const REGION_TYPE = `Enum<${REGION_ENUMERATION}>`;

/** `aws.Region`: a typed region instead of free text; flows may still compute one with an expression. */
export const regionEnumeration: EnumerationDefinition = { name: REGION_ENUMERATION, values: awsRegions };

/** True when `code` is a known commercial region code. */
export function isKnownRegion(code: string): boolean {
  return awsRegions.some((r) => r.value === code);
}
