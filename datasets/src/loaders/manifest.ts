/** The datasets the loaders know. */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar-10' | 'digits';

/** Every dataset name, in a fixed order. */
export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion-mnist', 'cifar-10', 'digits'];

/** Where a file comes from when downloading is allowed. */
export type FileSource =
  | { readonly kind: 'file'; readonly urls: readonly string[] }
  /** A member of a .tar.gz archive (CIFAR-10 ships one archive). */
  | { readonly kind: 'tar-gz'; readonly urls: readonly string[]; readonly member: string };

/** One file of a dataset and the checksums we accept for it. */
export interface DatasetFileEntry {
  readonly dataset: DatasetName;
  /** The file name without `.gz` (the uncompressed name). */
  readonly name: string;
  /** SHA-256 and size of the official gzip file, when that is how it is distributed. */
  readonly gz?: { readonly sha256: string; readonly bytes: number };
  /** SHA-256 and size of the uncompressed content, or undefined when no verified value exists. */
  readonly raw?: { readonly sha256: string; readonly bytes: number };
  readonly source: FileSource;
}

/** Folder name of each dataset inside a data directory (the layout of ../shared/data). */
export const DATASET_FOLDERS: Readonly<Record<DatasetName, string>> = {
  mnist: 'mnist',
  'fashion-mnist': 'fashion-mnist',
  'cifar-10': 'cifar-10',
  digits: 'sklearn-digits',
};

const MNIST_URLS = (f: string): string[] => [
  `https://yann.lecun.com/exdb/mnist/${f}.gz`,
  // PyTorch's mirror of the same files; the SHA-256 check makes the source irrelevant.
  `https://ossci-datasets.s3.amazonaws.com/mnist/${f}.gz`,
];
const FMNIST_URLS = (f: string): string[] => [`http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/${f}.gz`];
const CIFAR_URLS = ['https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz'];

function cifarBatch(name: string, rawSha: string | undefined, rawBytes: number, gzSha: string | undefined, gzBytes: number): DatasetFileEntry {
  return {
    dataset: 'cifar-10',
    name,
    ...(gzSha === undefined ? {} : { gz: { sha256: gzSha, bytes: gzBytes } }),
    ...(rawSha === undefined ? {} : { raw: { sha256: rawSha, bytes: rawBytes } }),
    source: { kind: 'tar-gz', urls: CIFAR_URLS, member: `cifar-10-batches-bin/${name}` },
  };
}

/**
 * The checksum manifest. gzip values are those of ../shared/data/SHA256SUMS (verified
 * against the official MD5/SHA sums); raw values are the SHA-256 of the same files'
 * decompressed content, so a user's own uncompressed copy is verified too.
 */
export const DATASET_FILES: readonly DatasetFileEntry[] = [
  {
    dataset: 'mnist',
    name: 'train-images-idx3-ubyte',
    gz: { sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', bytes: 9912422 },
    raw: { sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db', bytes: 47040016 },
    source: { kind: 'file', urls: MNIST_URLS('train-images-idx3-ubyte') },
  },
  {
    dataset: 'mnist',
    name: 'train-labels-idx1-ubyte',
    gz: { sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', bytes: 28881 },
    raw: { sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5', bytes: 60008 },
    source: { kind: 'file', urls: MNIST_URLS('train-labels-idx1-ubyte') },
  },
  {
    dataset: 'mnist',
    name: 't10k-images-idx3-ubyte',
    gz: { sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', bytes: 1648877 },
    raw: { sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7', bytes: 7840016 },
    source: { kind: 'file', urls: MNIST_URLS('t10k-images-idx3-ubyte') },
  },
  {
    dataset: 'mnist',
    name: 't10k-labels-idx1-ubyte',
    gz: { sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', bytes: 4542 },
    raw: { sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2', bytes: 10008 },
    source: { kind: 'file', urls: MNIST_URLS('t10k-labels-idx1-ubyte') },
  },
  {
    dataset: 'fashion-mnist',
    name: 'train-images-idx3-ubyte',
    gz: { sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', bytes: 26421880 },
    raw: { sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888', bytes: 47040016 },
    source: { kind: 'file', urls: FMNIST_URLS('train-images-idx3-ubyte') },
  },
  {
    dataset: 'fashion-mnist',
    name: 'train-labels-idx1-ubyte',
    gz: { sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', bytes: 29515 },
    raw: { sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9', bytes: 60008 },
    source: { kind: 'file', urls: FMNIST_URLS('train-labels-idx1-ubyte') },
  },
  {
    dataset: 'fashion-mnist',
    name: 't10k-images-idx3-ubyte',
    gz: { sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', bytes: 4422102 },
    raw: { sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b', bytes: 7840016 },
    source: { kind: 'file', urls: FMNIST_URLS('t10k-images-idx3-ubyte') },
  },
  {
    dataset: 'fashion-mnist',
    name: 't10k-labels-idx1-ubyte',
    gz: { sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', bytes: 5148 },
    raw: { sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34', bytes: 10008 },
    source: { kind: 'file', urls: FMNIST_URLS('t10k-labels-idx1-ubyte') },
  },
  cifarBatch('data_batch_1.bin', 'cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5', 30730000, 'c40de277d0ce42ef1717419d34a0cd53faaa97975c336eedc330abc97e69417d', 28316345),
  cifarBatch('data_batch_2.bin', 'a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed', 30730000, 'fd83ff7c71abebb06ac37c9ee73ecdcb18accb97cc14e59e539da8986ecc6040', 28349615),
  cifarBatch('data_batch_3.bin', 'bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67', 30730000, '5ce76a8549f33368b15272261e77e54233adc2929da3548e843ab894cc18ac14', 28361701),
  cifarBatch('data_batch_4.bin', '014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48', 30730000, '68606ba91cb98139c82608bb39f6c2786f1d0f0d4ca2c839ca480b36da65f791', 28354019),
  cifarBatch('data_batch_5.bin', '755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add', 30730000, 'cbc35d2bf0bdcc92ca39f6eca2e8542b28de5a8357af1820538feca0ab748307', 28331290),
  // The full test batch has no verified checksum here: loading it needs `allowUnverified`.
  cifarBatch('test_batch.bin', undefined, 30730000, undefined, 0),
  {
    dataset: 'cifar-10',
    name: 'test_batch_first1000.bin',
    gz: { sha256: 'ebec1fdbc16e2333496c5414ac1b94eca854d089a33909e315980808b46114b1', bytes: 2834775 },
    raw: { sha256: '8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5', bytes: 3073000 },
    // Not an official file (the first 1,000 records of test_batch.bin): no download source.
    source: { kind: 'file', urls: [] },
  },
  {
    dataset: 'digits',
    name: 'digits.csv',
    gz: { sha256: '46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a', bytes: 57512 },
    raw: { sha256: '6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8', bytes: 264712 },
    source: { kind: 'file', urls: ['https://raw.githubusercontent.com/scikit-learn/scikit-learn/main/sklearn/datasets/data/digits.csv.gz'] },
  },
];

/**
 * The manifest entry of `dataset`'s file `name` (with or without `.gz`), or undefined.
 *
 * @example
 * findDatasetFile('mnist', 't10k-labels-idx1-ubyte.gz')?.raw?.bytes // 10008
 */
export function findDatasetFile(dataset: DatasetName, name: string): DatasetFileEntry | undefined {
  const bare = name.endsWith('.gz') ? name.slice(0, -3) : name;
  return DATASET_FILES.find((f) => f.dataset === dataset && f.name === bare);
}
