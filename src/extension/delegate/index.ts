export { registerDelegation, DELEGATE_COMMAND } from './registerDelegation';
