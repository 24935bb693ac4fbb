// Graph rules of a flow (successors, reachability, cycles, order): pure, shared by validator, engine and designer.
export * from './adjacency';
export * from './cycles';
export * from './graph-types';
export * from './reachability';
export * from './topological-order';
