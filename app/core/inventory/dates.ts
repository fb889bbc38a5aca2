// Calendar-day arithmetic on YYYY-MM-DD strings (UTC, so no daylight-saving surprises): see ../days.ts.
export { addDays, dayToEpoch, daysBetween, epochToDay, isIsoDay } from "../days";
