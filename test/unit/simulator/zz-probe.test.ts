import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from '../../support/simulator/index';
describe('probe', () => { it('works', () => { const n: number = countTokens('abcde'); assert.equal(n, 2); assert.ok(Anthropic); }); });
