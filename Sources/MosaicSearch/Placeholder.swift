import MosaicCore
