// Every ranker the evaluator compares, in the order the table shows them.
import type { RecSettings } from '../../rec/signals.ts';
import type { TrainOptions } from '../../rec/twotower.ts';
import type { Ranker } from '../ranker.ts';
import { GlobalPopularity, RandomRanker, ShopPopularity } from './baselines.ts';
import { ContentMean, GraphSmoothed, MultiInterest, TwoTower } from './content.ts';
import { BprMf } from './mf.ts';
import { ItemKnn, UserKnn } from './neighbours.ts';

export interface Knobs {
  rec?: RecSettings;
  train?: Partial<TrainOptions>;
  graphBeta?: number;
}

export function allRankers(k: Knobs = {}): Ranker[] {
  return [
    new RandomRanker(), new GlobalPopularity(), new ShopPopularity(), new ItemKnn(), new UserKnn(), new BprMf(),
    new ContentMean(k.rec), new MultiInterest(k.rec), new TwoTower(false, k.rec, k.train), new TwoTower(true, k.rec, k.train),
    new GraphSmoothed(k.graphBeta, k.rec),
  ];
}
