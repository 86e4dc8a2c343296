import { describeProviderConformance } from 'cardbridge/plugin-testkit';
import entra from '../src/index.js';

describeProviderConformance({ plugin: entra });
