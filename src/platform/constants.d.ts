/** Build-time constants declared by config/index.ts (defineConstants). */
declare const LOCAL_CLOUD_URL: string
declare const CLOUD_ENV_ID: string
